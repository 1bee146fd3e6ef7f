//go:build unix

package content

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A named pipe must be refused without being opened, which would block.
func TestNamedPipe(t *testing.T) {
	root := writeFiles(t, map[string]string{"content/a.md": fm("")})
	if err := syscall.Mkfifo(filepath.Join(root, "content", "pipe.md"), 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	ws, err := Load(root, Options{Channels: testChannels})
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, findingStrings(ws.Findings), []string{"content/pipe.md:1:1: error file.unreadable: cannot read the file: not a regular file"})
	if len(ws.Items) != 1 {
		t.Errorf("got %d items, want 1", len(ws.Items))
	}
}
