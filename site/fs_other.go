//go:build !linux

package site

import (
	"os"
	"path/filepath"
)

// syncTree flushes the folders written under root; newFile.close flushed
// the files one by one, as there is no syncfs(2) here.
func syncTree(root string) error {
	syncDir(root)
	return nil
}

// folder is a folder of a bundle; its files are reached by full path.
type folder struct{ path string }

// openFolder checks that path is a folder.
func openFolder(path string) (*folder, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return &folder{path: path}, nil
}

func (d *folder) close() {}

// link makes name in d a hard link to the file name in from.
func (d *folder) link(from *folder, name string) error {
	return os.Link(filepath.Join(from.path, name), filepath.Join(d.path, name))
}

// create creates name in d, which must not exist, for writing.
func (d *folder) create(name string) (*newFile, error) {
	f, err := os.OpenFile(filepath.Join(d.path, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &newFile{File: f}, nil
}

// flushAhead is 0: newFile.close flushes each file, so there is nothing
// to flush in the background.
const flushAhead = 0

// newFile is a file being written into a bundle.
type newFile struct {
	*os.File
	written int64 // bytes written so far
}

func (f *newFile) Write(b []byte) (int, error) {
	n, err := f.File.Write(b)
	f.written += int64(n)
	return n, err
}

func (f *newFile) WriteString(s string) (int, error) {
	n, err := f.File.WriteString(s)
	f.written += int64(n)
	return n, err
}

// close flushes the file to disk and closes it.
func (f *newFile) close() error {
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
