package facebook_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/facebook"
	"github.com/chorus-dev/chorus/content"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, facebook.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, facebook.New(), *update) }

func TestLongCopy(t *testing.T) {
	in := adapterstest.SampleInput("article-en-US")
	v := adapterstest.Render(t, facebook.New(), in)
	for _, want := range []string{in.Item.Title, in.Item.Summary, "Start with a base layer", "https://acme.example/guides/layering"} {
		if !strings.Contains(v.Body, want) {
			t.Errorf("post lacks %q:\n%s", want, v.Body)
		}
	}
	if strings.Contains(v.Body, "Add a fleece") {
		t.Errorf("post holds more than the first body paragraph:\n%s", v.Body)
	}
}

func TestWriterHashtagsKept(t *testing.T) {
	in := adapterstest.SampleInput("promotion-en-US")
	in.Item.Overrides = map[string]content.Overrides{"facebook": {"text": "Spring is here #hiking #camping"}}
	v := adapterstest.Render(t, facebook.New(), in)
	if !strings.HasPrefix(v.Body, "Spring is here #hiking #camping\n") {
		t.Errorf("the writer's hashtags were changed:\n%s", v.Body)
	}
}
