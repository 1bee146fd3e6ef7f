//go:build !linux

package site

// syncEachFile is true where there is no syncfs(2): every file is
// flushed as it is written.
const syncEachFile = true

// syncTree flushes the folders written under root; the files were
// flushed one by one.
func syncTree(root string) error {
	syncDir(root)
	return nil
}
