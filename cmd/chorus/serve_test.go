package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's logger and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var servingURL = regexp.MustCompile(`"url":"(http://127\.0\.0\.1:\d+/)"`)

// startServe runs `chorus serve args...` until stop or the end of the
// test and returns the address it serves, read from its JSON log.
func startServe(t *testing.T, args ...string) (url string, logs *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), io.Discard, &stderr)
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case c := <-code:
				if c != 0 {
					t.Errorf("chorus serve exited %d:\n%s", c, stderr.String())
				}
			case <-time.After(20 * time.Second):
				t.Error("chorus serve did not stop")
			}
		})
	}
	t.Cleanup(stop)
	deadline := time.Now().Add(60 * time.Second) // loading under -race on a busy CI machine is slow
	for {
		if m := servingURL.FindStringSubmatch(stderr.String()); m != nil {
			url := m[1]
			for time.Now().Before(deadline) {
				if resp, err := http.Get(url + "readyz"); err == nil {
					resp.Body.Close()
					if resp.StatusCode == 200 {
						return url, &stderr, stop
					}
				}
				time.Sleep(20 * time.Millisecond)
			}
			t.Fatalf("not ready:\n%s", stderr.String())
		}
		select {
		case c := <-code:
			t.Fatalf("chorus serve exited %d:\n%s", c, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no serving line in the log:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeWorkspace(t *testing.T) {
	dir := buildWorkspace(t, nil)
	url, logs, _ := startServe(t, dir, "--log-format", "json")
	resp, err := http.Get(url + "v1/status")
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Counts struct{ Items int } `json:"counts"`
	}
	err = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || st.Counts.Items == 0 {
		t.Errorf("status: %d %+v %v", resp.StatusCode, st, err)
	}
	// Request logs: method, path, status, bytes, duration.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), `"msg":"request","method":"GET","path":"/v1/status","status":200,"bytes":`) {
		if time.Now().After(deadline) {
			t.Fatalf("no request log line:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeDemoWithoutWorkspace(t *testing.T) {
	t.Chdir(t.TempDir())
	url, logs, stop := startServe(t, "--log-format", "json")
	if !strings.Contains(logs.String(), "serving the built-in demo workspace") {
		t.Errorf("no demo notice:\n%s", logs.String())
	}
	resp, err := http.Get(url + "v1/items/return-policy")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("demo item: %d", resp.StatusCode)
	}
	// The demo copy is removed on exit: find it from the log.
	m := regexp.MustCompile(`"dir":"([^"]+)"`).FindStringSubmatch(logs.String())
	if m == nil {
		t.Fatalf("no dir in the log:\n%s", logs.String())
	}
	if _, err := os.Stat(filepath.Join(m[1], "chorus.yaml")); err != nil {
		t.Errorf("demo copy: %v", err)
	}
	stop()
	if _, err := os.Stat(m[1]); !os.IsNotExist(err) {
		t.Errorf("demo copy %s left behind (%v)", m[1], err)
	}
}

func TestServeBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--log-format", "xml"},
		{"serve", "a", "b"},
		{"serve", filepath.Join(t.TempDir(), "missing")},
		{"serve", "--addr", "256.0.0.1:99999", t.TempDir()},
	} {
		var stderr bytes.Buffer
		if code := Main(context.Background(), args, io.Discard, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), "chorus serve: ") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr.String())
		}
	}
}

func TestServeAddrFromConfigStaysOnLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:9000": true, "[::1]:8080": true,
		"0.0.0.0:8080": false, ":8080": false, "10.0.0.5:80": false, "example.com:80": false, "nonsense": false,
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v", addr, got)
		}
	}
	for addr, want := range map[string]string{"0.0.0.0:9090": "127.0.0.1:9090", ":7000": "127.0.0.1:7000", "nonsense": defaultAddr} {
		if got := onLoopback(addr); got != want {
			t.Errorf("onLoopback(%q) = %q, want %q", addr, got, want)
		}
	}
}
