package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content/contenttest"
	"github.com/chorus-dev/chorus/examples"
	"github.com/chorus-dev/chorus/site"
)

// serve starts a server for dir on a loopback port, with logs discarded
// and the clock fixed at now, and waits until it is ready.
func serve(b *testing.B, dir string, now time.Time) string {
	b.Helper()
	srv, err := site.NewServer(site.ServerOptions{Dir: dir, Watch: true, Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	b.Cleanup(func() {
		cancel()
		<-done
	})
	url := "http://" + ln.Addr().String()
	deadline := time.Now().Add(10 * time.Minute)
	for {
		resp, err := http.Get(url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return url
			}
		}
		if time.Now().After(deadline) {
			b.Fatal("the server did not become ready")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// BenchmarkServeVariant measures GET of one variant envelope over
// loopback from four keep-alive clients: requests per second and the 99th
// percentile latency. b.N is the number of requests.
//
//	go test ./bench -run '^$' -bench ServeVariant -benchtime 20000x -count 3
func BenchmarkServeVariant(b *testing.B) {
	sub, err := fs.Sub(examples.FS, "acme-outdoor")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := os.CopyFS(dir, sub); err != nil {
		b.Fatal(err)
	}
	url := serve(b, dir, time.Date(2026, 3, 25, 12, 0, 0, 0, time.UTC)) + "/v1/channels/x/variants/spring-pack-sale"
	const workers = 4
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, DisableCompression: true}}
	get := func() error {
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != 200 {
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		return err
	}
	for range 100 { // warm the connections and the envelope cache
		if err := get(); err != nil {
			b.Fatal(err)
		}
	}

	lat := make([][]time.Duration, workers)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	b.ResetTimer()
	start := time.Now()
	for w := range workers {
		n := b.N / workers
		if w < b.N%workers {
			n++
		}
		lat[w] = make([]time.Duration, 0, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range n {
				t0 := time.Now()
				if err := get(); err != nil {
					errs <- err
					return
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkReload measures how long an edit in a 5,000-item workspace
// takes to be served: write one item's new title, then poll its variant
// until the title appears. It reports the median, the 95th percentile and
// the slowest of the b.N edits; the watcher's debounce (100 ms) is part of the figure. The
// server's own rebuild time (load, build, diff, swap) is reported apart.
//
//	go test ./bench -run '^$' -bench Reload -benchtime 20x -timeout 30m
func BenchmarkReload(b *testing.B) {
	dir := b.TempDir()
	if err := contenttest.WriteWorkspace(dir, 5000, 300); err != nil {
		b.Fatal(err)
	}
	// The generated items publish in 2025 and expire at its end.
	base := serve(b, dir, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	url := base + "/v1/channels/app/variants/item-0"
	file := filepath.Join(dir, "content", "promotion", "item-0.md")
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	title := regexp.MustCompile(`(?m)^title: .*$`)
	client := &http.Client{Timeout: 10 * time.Second}
	body := func() string {
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		s, _ := io.ReadAll(resp.Body)
		return string(s)
	}
	// rebuild reads how long the server's last reload took, debounce
	// not included.
	rebuild := func() time.Duration {
		resp, err := client.Get(base + "/v1/status")
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		var st struct {
			Reload struct {
				DurationMS float64 `json:"duration_ms"`
			} `json:"reload"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
			b.Fatal(err)
		}
		return time.Duration(st.Reload.DurationMS * float64(time.Millisecond))
	}
	var took, rebuilt []time.Duration
	b.ResetTimer()
	for i := range b.N {
		want := fmt.Sprintf("Edited title number %d", i)
		edited := title.ReplaceAll(src, []byte("title: "+want))
		start := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		for !strings.Contains(body(), want) {
			if time.Since(start) > time.Minute {
				b.Fatalf("edit %d not served within a minute", i)
			}
			time.Sleep(2 * time.Millisecond)
		}
		took = append(took, time.Since(start))
		rebuilt = append(rebuilt, rebuild())
	}
	b.StopTimer()
	slices.Sort(took)
	slices.Sort(rebuilt)
	b.ReportMetric(float64(took[len(took)/2].Milliseconds()), "median-ms")
	b.ReportMetric(float64(took[(len(took)*95+99)/100-1].Milliseconds()), "p95-ms")
	b.ReportMetric(float64(took[len(took)-1].Milliseconds()), "max-ms")
	b.ReportMetric(float64(rebuilt[len(rebuilt)/2].Milliseconds()), "rebuild-median-ms")
}
