package adapterstest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
)

// Golden renders the GoldenCases samples with a and compares each with two
// files under testdata/: <case><ext> holds the body in its native form and
// <case>.variant.json the envelope without the body, plus the extension
// and the texts. With update set it rewrites them instead. Each test
// package declares its own -update flag and passes its value.
func Golden(t *testing.T, a adapters.Adapter, update bool) {
	for _, name := range GoldenCases {
		t.Run(name, func(t *testing.T) {
			v := Render(t, a, SampleInput(name))
			compare(t, name+v.Ext, []byte(v.Body), update)
			compare(t, name+".variant.json", Envelope(t, v), update)
		})
	}
}

// Envelope is the golden form of a variant: its JSON envelope without the
// body, plus its extension and texts, indented, with <, > and & kept as
// they are so the file reads like the output.
func Envelope(t testing.TB, v *adapters.Variant) []byte {
	t.Helper()
	c := *v
	c.Body = ""
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(struct {
		*adapters.Variant
		Ext   string          `json:"ext"`
		Texts []adapters.Text `json:"texts"`
	}{&c, v.Ext, v.Texts})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// compare checks got against testdata/<name>, or writes it with update.
func compare(t testing.TB, name string, got []byte, update bool) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff)\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + w + "\n  got: " + g
		}
	}
	return ""
}
