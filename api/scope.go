package api

import (
	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/store"
)

// scoped narrows a filter to what the caller may see: an officer their own
// unit, a supervisor scoped to a unit that unit and everything under it.
// unit, when asked for, is a subtree to report on; at names the query
// parameter it came from, for the error.
func (s *Server) scoped(p auth.Principal, f *store.Filter, unit, at string) error {
	units := s.Catalogue.Units()
	if unit != "" {
		if _, ok := units.Unit(unit); !ok {
			return unprocessable("there is no such unit", field(at, "there is no unit "+unit+" in the directory", unit))
		}
	}
	switch {
	case p.Role == auth.Officer:
		if f.Agency != "" && f.Agency != p.Agency {
			return huma.Error403Forbidden("an officer sees their own unit", field("query.agency", "must be "+p.Agency, f.Agency))
		}
		if unit != "" && unit != p.Agency {
			return huma.Error403Forbidden("an officer sees their own unit", field(at, "must be "+p.Agency, unit))
		}
		f.Agency = p.Agency
		return nil
	case p.Role == auth.Supervisor && p.Agency != "":
		if unit != "" && !units.Under(unit, p.Agency) {
			return huma.Error403Forbidden("a supervisor of "+units.Name(p.Agency)+" watches it and the units under it",
				field(at, "must be "+p.Agency+" or a unit under it", unit))
		}
		if f.Agency != "" && !units.Under(f.Agency, p.Agency) {
			return huma.Error403Forbidden("a supervisor of "+units.Name(p.Agency)+" watches it and the units under it",
				field("query.agency", "must be "+p.Agency+" or a unit under it", f.Agency))
		}
		if unit == "" {
			unit = p.Agency
		}
	}
	if unit != "" {
		f.Agencies = units.Within(unit)
	}
	return nil
}

// watches reports whether a supervisor's scope covers a unit; a supervisor
// with no scope watches the whole province.
func (s *Server) watches(p auth.Principal, unit string) bool {
	return p.Agency == "" || s.Catalogue.Units().Under(unit, p.Agency)
}
