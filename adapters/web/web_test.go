package web_test

import (
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/web"
	"github.com/chorus-dev/chorus/adapters/web/webtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T, in *adapters.Input) *adapters.Variant {
	t.Helper()
	v, err := web.New().Render(in)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestGolden(t *testing.T) {
	for _, c := range webtest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			v := render(t, webtest.Input(t, c.File))
			webtest.Golden(t, c.Name+".html", []byte(v.Body), *update)
			webtest.Golden(t, c.Name+".variant.json", webtest.Envelope(t, v), *update)
		})
	}
}

var _ = json.Marshal
var _ = strings.Contains
