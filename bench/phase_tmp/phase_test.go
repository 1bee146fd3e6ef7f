package phase

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content/contenttest"
	"github.com/chorus-dev/chorus/site"
)

func TestPhases(t *testing.T) {
	dir := t.TempDir()
	contenttest.WriteWorkspace(dir, 5000, 300)
	base := os.Getenv("OUTBASE")
	if base == "" {
		base = t.TempDir()
	}
	out := filepath.Join(base, "dist")
	at := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 2; i++ {
		t0 := time.Now()
		s, err := site.Open(context.Background(), dir, site.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t1 := time.Now()
		if err := s.Write(out, at); err != nil {
			t.Fatal(err)
		}
		t.Logf("open %v write %v variants %d findings %d", t1.Sub(t0), time.Since(t1), s.Stats.Variants, len(s.Findings))
	}
	os.RemoveAll(out)
}
