//go:build !unix

package embedded

import (
	"errors"
	"os"
)

// ErrInUse is a data directory whose server is running in another
// process; without flock it is never detected here.
var ErrInUse = errors.New("another motcua runs the embedded Temporal on this data directory")

func lock(string) (*os.File, error) { return nil, nil }

// InUse cannot tell on this system, and says no.
func InUse(string) (bool, error) { return false, nil }
