package procedures

// Component is a thành phần hồ sơ: one document the dossier may or must
// contain.
type Component struct {
	Code string `yaml:"code,required"`
	Name string `yaml:"name,required"`
	// Required is true, false, or a condition on the dossier; true when left out.
	Required Condition `yaml:"required"`
	// Digitize says whether an electronic copy must be made; optional when
	// left out.
	Digitize  Digitize `yaml:"digitize"`
	Media     []string `yaml:"media"`    // accepted media types
	MaxSize   ByteSize `yaml:"max_size"` // largest accepted upload
	Originals int      `yaml:"originals"`
	Copies    int      `yaml:"copies"`
	// Reuse lists the kinds of already-digitized document that may stand in
	// for this component, so that nobody scans the same paper twice.
	Reuse []string `yaml:"reuse"`
}

// Accepts reports whether a media type may be uploaded for the component.
func (c Component) Accepts(media string) bool {
	if len(c.Media) == 0 {
		return true
	}
	for _, m := range c.Media {
		if m == media {
			return true
		}
	}
	return false
}
