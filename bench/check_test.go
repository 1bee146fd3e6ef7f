package bench

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content/contenttest"
)

// BenchmarkCheck5000 runs the chorus binary as CI does, `chorus check
// --source-only DIR`, over a generated 5,000-item workspace (about 300
// words an item; en-US, zh-CN and el-GR) and its 30-rule style guide. An
// op is one run, wall clock; cpu-s/op is the CPU time of the run (user
// and system), which a shared machine disturbs less.
//
//	go test ./bench -run '^$' -bench Check5000 -benchtime 5x
func BenchmarkCheck5000(b *testing.B) {
	dir := b.TempDir()
	if err := contenttest.WriteWorkspace(dir, 5000, 300); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "chorus")
	build := exec.Command("go", "build", "-o", bin, "./cmd/chorus")
	build.Dir = moduleRoot(b)
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	b.ResetTimer()
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "check", "--source-only", dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exit) && exit.ExitCode() == 1: // findings at --fail-on
		default:
			b.Fatalf("chorus check: %v\n%s", err, stderr.String())
		}
		if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpu += time.Duration(u.Utime.Nano() + u.Stime.Nano())
		}
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// moduleRoot is the folder of the module's go.mod: the test runs in
// bench/, one below it.
func moduleRoot(b *testing.B) string {
	wd, err := os.Getwd()
	if err != nil {
		b.Fatal(err)
	}
	root := filepath.Dir(wd)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		b.Fatalf("no go.mod above %s: %v", wd, err)
	}
	return root
}
