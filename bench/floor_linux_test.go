package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/sys/unix"
)

// BenchmarkBundleFloor measures what the file system alone costs for a
// bundle the size of BenchmarkBuild5000's: it creates 150,136 empty files
// (two a variant for 75,000 variants, 135 feeds and the manifest) in the
// bundle's folder layout, from as many goroutines as Snapshot.Write uses
// and with the same system calls (openat in an open folder, close). No
// Chorus code runs, nothing is written into the files and nothing is
// flushed: this is the floor under any `chorus build` of that bundle on
// the machine, to read beside BenchmarkBuild5000's write-s/op.
//
//	go test ./bench -run '^$' -bench BundleFloor -benchtime 1x -count 3
func BenchmarkBundleFloor(b *testing.B) {
	const (
		channels = 15
		locales  = 3
		items    = 5000 // an item is one id in one locale
	)
	// Folders and names as the bundle has them: <channel>/<locale>/ with
	// an envelope and a body for each item of the locale, then the feeds.
	type folder struct {
		path  string
		names []string
	}
	layout := func(root string) []folder {
		var fs []folder
		for c := range channels {
			for l := range locales {
				f := folder{path: filepath.Join(root, fmt.Sprintf("channel-%d", c), fmt.Sprintf("locale-%d", l))}
				for i := l; i < items; i += locales {
					f.names = append(f.names, fmt.Sprintf("item-%d.json", i), fmt.Sprintf("item-%d.body", i))
				}
				fs = append(fs, f)
			}
		}
		feeds := folder{path: filepath.Join(root, "feeds")}
		for i := range channels * locales * 3 {
			feeds.names = append(feeds.names, fmt.Sprintf("feed-%d", i))
		}
		feeds.names = append(feeds.names, "manifest.json")
		return append(fs, feeds)
	}
	workers := min(4*runtime.GOMAXPROCS(0), 32) // as site.Snapshot.Write
	files := 0
	for b.Loop() {
		b.StopTimer()
		root := b.TempDir() // removed after the benchmark, untimed
		fs := layout(root)
		fds := make([]int, len(fs))
		type job struct{ dir, name int }
		var jobs []job
		for d, f := range fs {
			if err := os.MkdirAll(f.path, 0o755); err != nil {
				b.Fatal(err)
			}
			fd, err := unix.Open(f.path, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
			if err != nil {
				b.Fatal(err)
			}
			fds[d] = fd
			for n := range f.names {
				jobs = append(jobs, job{d, n})
			}
		}
		files = len(jobs)
		b.StartTimer()

		var next atomic.Int64
		var failed atomic.Value
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= len(jobs) {
						return
					}
					j := jobs[i]
					fd, err := unix.Openat(fds[j.dir], fs[j.dir].names[j.name], unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
					if err != nil {
						failed.Store(err)
						return
					}
					unix.Close(fd)
				}
			})
		}
		wg.Wait()

		b.StopTimer()
		for _, fd := range fds {
			unix.Close(fd)
		}
		if err, _ := failed.Load().(error); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(files), "files")
}
