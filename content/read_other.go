//go:build !unix

package content

import (
	"io"
	"os"
)

// readFile reads the regular file at abs when it is at most max bytes;
// size is the file's size even when it is too large and nothing was read.
// Buffers are not pooled here (pooled is ignored).
func readFile(abs string, max int64, _ bool) (data []byte, size int64, err error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, errNotRegular
	}
	if size = fi.Size(); size > max {
		return nil, size, nil
	}
	data, err = io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, size, err
	}
	return data, int64(len(data)), nil
}
