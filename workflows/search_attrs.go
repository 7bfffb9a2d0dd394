package workflows

import (
	"go.temporal.io/api/enums/v1"
)

// SearchAttributeTypes maps each search attribute to its indexed type, for
// registering them through the operator service.
func SearchAttributeTypes() map[string]enums.IndexedValueType {
	out := map[string]enums.IndexedValueType{}
	for _, k := range SearchAttributes {
		out[k.GetName()] = k.GetValueType()
	}
	return out
}
