//go:build !linux

package corpus

import "time"

func readRegular(path string, max int64) ([]byte, time.Time, error) {
	return readFile(path, max)
}
