package procedures

import (
	"embed"
	"io/fs"
)

//go:embed catalogue
var catalogueFS embed.FS

// Default loads the catalogue that ships inside the binary.
func Default() (*Catalogue, error) {
	sub, err := fs.Sub(catalogueFS, "catalogue")
	if err != nil {
		return nil, err
	}
	return Load(sub, "procedures/catalogue")
}
