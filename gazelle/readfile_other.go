//go:build !unix

package gazelle

import (
	"io"
	"os"
)

// readFile reads a regular file of at most maxSourceSize bytes (see
// readfile_unix.go for the version with fewer system calls).
func readFile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if fi.Size() > maxSourceSize {
		return nil, errTooLarge{fi.Size()}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSourceSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxSourceSize {
		return nil, errTooLarge{int64(len(data))}
	}
	return data, nil
}
