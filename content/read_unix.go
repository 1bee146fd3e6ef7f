//go:build unix

package content

import (
	"io/fs"
	"syscall"
)

// readFile reads the regular file at abs when it is at most max bytes.
// It opens the file without blocking, so a named pipe that took a
// regular file's place since the folder was listed cannot hang the load,
// and it goes straight to the system calls: an os.File costs several
// more calls per file (poller registration, flag checks), which a load
// of thousands of small files feels. size is the file's size even when
// it is too large and nothing was read. pooled takes the buffer from
// readBuffers.
func readFile(abs string, max int64, pooled bool) (data []byte, size int64, err error) {
	var fd int
	for {
		fd, err = syscall.Open(abs, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, &fs.PathError{Op: "open", Path: abs, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	for {
		err = syscall.Fstat(fd, &st)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, &fs.PathError{Op: "stat", Path: abs, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, 0, errNotRegular
	}
	size = st.Size
	if size > max {
		return nil, size, nil
	}
	// One byte more than the size tells a file that grew since the
	// stat; it is read to the end, up to the limit.
	if pooled {
		data = readBuffer(int(size) + 1)
	} else {
		data = make([]byte, 0, size+1)
	}
	for {
		n, err := syscall.Read(fd, data[len(data):cap(data)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, size, &fs.PathError{Op: "read", Path: abs, Err: err}
		case n == 0:
			return data, int64(len(data)), nil
		}
		want := cap(data) - len(data)
		data = data[:len(data)+n]
		if n < want && int64(len(data)) == size {
			// A short read at the size the stat gave is the end of a
			// regular file: no call is needed to see it.
			return data, size, nil
		}
		if int64(len(data)) > max {
			return nil, int64(len(data)), nil
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
