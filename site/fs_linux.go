package site

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// syncTree flushes every file and folder written under root to disk with
// one syncfs(2), far cheaper than an fsync per file in a bundle of
// hundreds of thousands.
func syncTree(root string) error {
	f, err := os.Open(root)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return &os.PathError{Op: "syncfs", Path: root, Err: err}
	}
	return nil
}

// writeFile creates name, which must not exist, holding b. It uses the
// raw system calls: os.OpenFile adds an fstat and poller bookkeeping that
// cost a third of the time on a bundle of small files. syncTree flushes.
func writeFile(name string, b []byte) error {
	fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(b) > 0 && err == nil {
		var n int
		n, err = unix.Write(fd, b)
		switch {
		case err == unix.EINTR:
			err = nil
		case err == nil && n == 0:
			err = io.ErrShortWrite
		}
		b = b[max(n, 0):]
	}
	if cerr := unix.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return &os.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}
