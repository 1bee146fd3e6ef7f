package phase

import (
	"context"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content/contenttest"
	"github.com/chorus-dev/chorus/site"
)

func TestWriteProf(t *testing.T) {
	dir := t.TempDir()
	contenttest.WriteWorkspace(dir, 5000, 300)
	s, err := site.Open(context.Background(), dir, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join("/dev/shm", "distp")
	at := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	f, _ := os.Create("/tmp/w.prof")
	pprof.StartCPUProfile(f)
	for i := 0; i < 1; i++ {
		t1 := time.Now()
		if err := s.Write(out, at); err != nil {
			t.Fatal(err)
		}
		t.Logf("write %v", time.Since(t1))
	}
	pprof.StopCPUProfile()
}
