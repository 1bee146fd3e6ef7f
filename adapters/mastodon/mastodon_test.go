package mastodon_test

import (
	"flag"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
	"github.com/chorus-dev/chorus/adapters/mastodon"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, mastodon.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, mastodon.New(), *update) }

func TestStatus(t *testing.T) {
	for name, lang := range map[string]string{"promotion-en-US": "en", "promotion-zh-CN": "zh", "promotion-el-GR": "el"} {
		v := adapterstest.Render(t, mastodon.New(), adapterstest.SampleInput(name))
		if v.Fields["language"] != lang {
			t.Errorf("%s: language = %v, want %s", name, v.Fields["language"], lang)
		}
		if n := compose.CountHashtags(v.Body); n > 3 {
			t.Errorf("%s: %d hashtags, want at most 3", name, n)
		}
		if got, want := v.Metrics["length"], adapters.MastodonLength(v.Body); got != want {
			t.Errorf("%s: length = %v, want %d", name, got, want)
		}
	}
}

func TestStyleGuideNoHashtags(t *testing.T) {
	v := adapterstest.Render(t, mastodon.New(), adapterstest.SampleInput("with-guide"))
	if n := compose.CountHashtags(v.Body); n != 0 {
		t.Errorf("%d hashtags, want none (max_hashtags: 0):\n%s", n, v.Body)
	}
}
