package bluesky_test

import (
	"flag"
	"reflect"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/bluesky"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, bluesky.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, bluesky.New(), *update) }

func TestFacets(t *testing.T) {
	v := adapterstest.Render(t, bluesky.New(), adapterstest.SampleInput("promotion-zh-CN"))
	fs, ok := v.Fields["facets"].([]bluesky.Facet)
	if !ok || len(fs) == 0 {
		t.Fatalf("facets = %#v", v.Fields["facets"])
	}
	var links, tags int
	for _, f := range fs {
		span := v.Body[f.Index.ByteStart:f.Index.ByteEnd]
		for _, ft := range f.Features {
			switch ft.Type {
			case "app.bsky.richtext.facet#link":
				links++
				if span != ft.URI || !strings.HasPrefix(span, "https://acme.example/zh/sale") {
					t.Errorf("link facet covers %q, uri %q", span, ft.URI)
				}
			case "app.bsky.richtext.facet#tag":
				tags++
				if span != "#"+ft.Tag {
					t.Errorf("tag facet covers %q, tag %q", span, ft.Tag)
				}
			default:
				t.Errorf("unknown facet type %q", ft.Type)
			}
		}
	}
	if links != 1 || tags != 2 {
		t.Errorf("%d link and %d tag facets, want 1 and 2:\n%s", links, tags, v.Body)
	}
	if got := v.Fields["langs"]; !reflect.DeepEqual(got, []string{"zh-CN"}) {
		t.Errorf("langs = %v", got)
	}
}
