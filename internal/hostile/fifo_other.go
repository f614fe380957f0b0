//go:build !unix

package hostile

import "errors"

// mkfifo reports that this system has no named pipes; the cases that need
// one are left out.
func mkfifo(path string) error { return errors.ErrUnsupported }
