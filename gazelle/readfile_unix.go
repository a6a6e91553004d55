//go:build unix

package gazelle

import (
	"os"
	"syscall"
)

// readFile reads a regular file of at most maxSourceSize bytes in four
// system calls: open, fstat, one read of the size fstat gave, close. (A
// stat by name first, os.ReadFile's read to find the end of the file and
// the os package's attempt to register the descriptor with its poller
// would add three more, which is most of the cost of reading a small
// source.) The file is opened non-blocking, so that a FIFO is refused
// instead of waited on; a socket, which cannot be opened, is refused
// too.
func readFile(p string) ([]byte, error) {
	fd, err := openRead(p)
	if err != nil {
		if fi, serr := os.Stat(p); serr == nil && !fi.Mode().IsRegular() {
			return nil, errNotRegular
		}
		return nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &os.PathError{Op: "fstat", Path: p, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, errNotRegular
	}
	if st.Size > maxSourceSize {
		return nil, errTooLarge{st.Size}
	}
	// The size fstat gave is what is read: a file that grows meanwhile
	// is read as it was.
	data := make([]byte, st.Size)
	n := 0
	for n < len(data) {
		m, err := syscall.Read(fd, data[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: p, Err: err}
		}
		if m == 0 {
			break // it shrank
		}
		n += m
	}
	return data[:n], nil
}

func openRead(p string) (int, error) {
	for {
		fd, err := syscall.Open(p, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
