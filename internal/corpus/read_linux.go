package corpus

import (
	"io"
	"os"
	"syscall"
	"time"
)

// readRegular is readFile by system calls of its own. An os.File opened
// without blocking (as openRegular must, see there) is offered to the
// poller, which refuses a regular file: a failed epoll_ctl per file,
// besides the File and its cleanup, and a sixth of the time spent reading
// a corpus of small reports. What is read, and every error, is readFile's.
func readRegular(path string, max int64) ([]byte, time.Time, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, time.Time{}, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		// Rare: readFile says what is wrong, in its words.
		return readFile(path, max)
	}
	raw, err := readLimited(fdReader{fd, path}, st.Size, max)
	return raw, time.Unix(st.Mtim.Unix()), err
}

// fdReader reads a file descriptor as an os.File would, for readLimited.
type fdReader struct {
	fd   int
	path string
}

func (r fdReader) Read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(r.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &os.PathError{Op: "read", Path: r.path, Err: err}
		case n < len(p):
			// A regular file reads short only at its end: saying so
			// now spares the read that would return nothing, a system
			// call a report. (Only here: other readers, a zip entry's,
			// check what they read when they reach the end.)
			return n, io.EOF
		}
		return n, nil
	}
}
