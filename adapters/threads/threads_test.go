package threads_test

import (
	"flag"
	"testing"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
	"github.com/chorus-dev/chorus/adapters/threads"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, threads.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, threads.New(), *update) }

func TestOneTopicTag(t *testing.T) {
	v := adapterstest.Render(t, threads.New(), adapterstest.SampleInput("promotion-en-US"))
	if n := compose.CountHashtags(v.Body); n != 1 {
		t.Errorf("%d hashtags, want 1:\n%s", n, v.Body)
	}
	if got, want := v.Metrics["length"], utf8.RuneCountInString(v.Body); got != want {
		t.Errorf("length = %v, want %d", got, want)
	}
}
