//go:build !linux

package site

import "os"

// syncTree flushes the folders written under root; writeFile flushed
// the files one by one, as there is no syncfs(2) here.
func syncTree(root string) error {
	syncDir(root)
	return nil
}

// writeFile creates name, which must not exist, holding b, and flushes
// it to disk.
func writeFile(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
