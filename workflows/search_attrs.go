package workflows

import (
	"go.temporal.io/api/enums/v1"
)

// SearchAttributeTypes maps each search attribute to its indexed type, for
// registering them through the operator service.
func SearchAttributeTypes() map[string]enums.IndexedValueType {
	out := map[string]enums.IndexedValueType{}
	for _, k := range SearchAttributes {
		t := enums.INDEXED_VALUE_TYPE_KEYWORD
		if k.GetValueType() == enums.INDEXED_VALUE_TYPE_DATETIME {
			t = enums.INDEXED_VALUE_TYPE_DATETIME
		}
		out[k.GetName()] = t
	}
	return out
}
