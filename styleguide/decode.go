package styleguide

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/chorus-dev/chorus/content"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// decoder turns merged YAML nodes into typed values, collecting a finding
// for every problem instead of stopping at the first.
type decoder struct {
	out      []content.Finding
	seen     map[string]bool
	channels []string // known channel ids, sorted; nil accepts any lowercase id
}

// add records a finding once: a locale section re-decodes the top level,
// and the same problem must not be reported twice.
func (d *decoder) add(f content.Finding) {
	b, _ := f.MarshalJSON()
	k := string(b)
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	if d.seen[k] {
		return
	}
	d.seen[k] = true
	d.out = append(d.out, f)
}

// errorf records a schema finding at n. The rule is schema.<path>.
func (d *decoder) errorf(n *node, path, format string, args ...any) {
	d.add(content.Finding{Pos: n.pos(), Severity: content.Error, Rule: schemaRule(path), Message: fmt.Sprintf(format, args...)})
}

var ruleUnsafe = regexp.MustCompile(`[^a-z0-9_.\-]+`)

// schemaRule is the rule id of a schema finding at path ("terms.avoid").
func schemaRule(path string) string {
	if path == "" {
		return "schema"
	}
	return "schema." + ruleUnsafe.ReplaceAllString(strings.ToLower(path), "_")
}

// mapping checks that n is a mapping whose keys are all in known. It
// reports whether n is a mapping at all.
func (d *decoder) mapping(n *node, path string, known ...string) bool {
	if n.kind() != yaml.MappingNode {
		d.errorf(n, path, "%s must be a mapping, not %s", displayPath(path), kindName(n))
		return false
	}
	for _, e := range n.keys {
		if !slices.Contains(known, e.name) {
			d.errorf(e.key, joinPath(path, e.name), "unknown key %q%s", e.name, hint(e.name, known))
		}
	}
	return true
}

// hint is the " (did you mean "x"?)" or " (known: a, b)" tail of a message
// about an unknown name.
func hint(name string, known []string) string {
	if s := suggest(name, known); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	if len(known) == 0 {
		return ""
	}
	return " (known: " + strings.Join(known, ", ") + ")"
}

// suggest returns the known name that name abbreviates, else the one
// closest to it by edit distance (adjacent transpositions count once), or
// "" when none is close.
func suggest(name string, known []string) string {
	best, bestD := "", 1<<30
	lname := strings.ToLower(name)
	if len(lname) >= 3 {
		// A known name that the input abbreviates ("warn", "promo").
		for _, k := range known {
			if strings.HasPrefix(strings.ToLower(k), lname) {
				return k
			}
		}
	}
	for _, k := range known {
		d := content.EditDistance(lname, strings.ToLower(k))
		if d < bestD {
			best, bestD = k, d
		}
	}
	n := len([]rune(name))
	limit := 1
	switch {
	case n >= 9:
		limit = 3
	case n >= 5:
		limit = 2
	}
	if bestD > limit {
		return ""
	}
	return best
}

// scalar checks that n is a non-empty scalar and returns it.
func (d *decoder) str(n *node, path string) (string, bool) {
	if n.kind() != yaml.ScalarNode || n.null() {
		d.errorf(n, path, "%s must be a string, not %s", displayPath(path), kindName(n))
		return "", false
	}
	if strings.TrimSpace(n.y.Value) == "" {
		d.errorf(n, path, "%s must not be empty", displayPath(path))
		return "", false
	}
	return n.y.Value, true
}

// strList accepts one string or a list of strings and returns their nodes.
func (d *decoder) strList(n *node, path string) []*node {
	if n.kind() == yaml.ScalarNode && !n.null() {
		if _, ok := d.str(n, path); ok {
			return []*node{n}
		}
		return nil
	}
	if n.kind() != yaml.SequenceNode {
		d.errorf(n, path, "%s must be a list of strings, not %s", displayPath(path), kindName(n))
		return nil
	}
	out := make([]*node, 0, len(n.items))
	for _, it := range n.items {
		if _, ok := d.str(it, path); ok {
			out = append(out, it)
		}
	}
	return out
}

// list checks that n is a list.
func (d *decoder) list(n *node, path string) []*node {
	if n.kind() != yaml.SequenceNode {
		d.errorf(n, path, "%s must be a list, not %s", displayPath(path), kindName(n))
		return nil
	}
	return n.items
}

// integer decodes a whole number of at least lo.
func (d *decoder) integer(n *node, path string, lo int) (int, bool) {
	if n.kind() != yaml.ScalarNode || n.y.Tag != "!!int" {
		d.errorf(n, path, "%s must be a whole number, not %s", displayPath(path), kindName(n))
		return 0, false
	}
	v, err := strconv.ParseInt(n.y.Value, 0, 32)
	if err != nil {
		d.errorf(n, path, "%s: %q is not a whole number in range", displayPath(path), n.y.Value)
		return 0, false
	}
	if int(v) < lo {
		d.errorf(n, path, "%s must be at least %d, not %d", displayPath(path), lo, v)
		return 0, false
	}
	return int(v), true
}

// number decodes a number of at least lo.
func (d *decoder) number(n *node, path string, lo float64) (float64, bool) {
	if n.kind() != yaml.ScalarNode || (n.y.Tag != "!!int" && n.y.Tag != "!!float") {
		d.errorf(n, path, "%s must be a number, not %s", displayPath(path), kindName(n))
		return 0, false
	}
	v, err := strconv.ParseFloat(n.y.Value, 64)
	if err != nil || v != v {
		d.errorf(n, path, "%s: %q is not a number", displayPath(path), n.y.Value)
		return 0, false
	}
	if v < lo {
		d.errorf(n, path, "%s must be at least %g, not %g", displayPath(path), lo, v)
		return 0, false
	}
	return v, true
}

// boolean decodes true or false.
func (d *decoder) boolean(n *node, path string) (bool, bool) {
	if n.kind() == yaml.ScalarNode && n.y.Tag == "!!bool" {
		if v, err := strconv.ParseBool(strings.ToLower(n.y.Value)); err == nil {
			return v, true
		}
	}
	d.errorf(n, path, "%s must be true or false, not %s", displayPath(path), kindName(n))
	return false, false
}

var severityNames = []string{"error", "warning", "suggestion"}

// severity decodes error, warning or suggestion; def when absent or bad.
func (d *decoder) severity(n *node, path string, def content.Severity) content.Severity {
	if n == nil {
		return def
	}
	s, ok := d.str(n, path)
	if !ok {
		return def
	}
	v, err := content.ParseSeverity(s)
	if err != nil {
		d.errorf(n, path, "unknown severity %q%s", s, hint(s, severityNames))
		return def
	}
	return v
}

var channelID = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// channel checks a channel id: lowercase, and known when the caller gave
// the list of channels.
func (d *decoder) channel(n *node, path, id string) bool {
	if !channelID.MatchString(id) {
		d.errorf(n, path, "channel id %q must be lowercase letters, digits, '-' or '_'", id)
		return false
	}
	if d.channels != nil && !slices.Contains(d.channels, id) {
		d.errorf(n, path, "unknown channel %q%s", id, hint(id, d.channels))
		return false
	}
	return true
}

// localeKey checks a BCP 47 locale and returns its lowercase key.
func (d *decoder) locale(n *node, path, loc string) (string, bool) {
	if _, err := language.Parse(loc); err != nil || strings.Contains(loc, "_") {
		d.errorf(n, path, "%q is not a BCP 47 locale (such as en-US or zh-CN)", loc)
		return "", false
	}
	return localeKey(loc), true
}

// localeKey folds a locale for comparison: "zh-CN" and "zh-cn" are one.
func localeKey(loc string) string { return strings.ToLower(strings.ReplaceAll(loc, "_", "-")) }

// language returns the language part of a locale key: "zh" of "zh-cn".
func langOf(key string) string {
	if i := strings.IndexByte(key, '-'); i > 0 {
		return key[:i]
	}
	return key
}

// scope is the optional `only:` of a rule: item types, locales and
// channels it applies to. Empty lists mean no restriction.
type scope struct {
	types    []string
	locales  []string // locale keys; "zh" matches "zh-cn"
	channels []string
}

func (d *decoder) scope(n *node, path string) scope {
	var s scope
	if n.null() || !d.mapping(n, path, "types", "locales", "channels") {
		return s
	}
	if v := n.get("types"); v != nil {
		for _, t := range d.strList(v, path+".types") {
			if !slices.Contains(content.Types, t.y.Value) {
				d.errorf(t, path+".types", "unknown item type %q%s", t.y.Value, hint(t.y.Value, content.Types))
				continue
			}
			s.types = append(s.types, t.y.Value)
		}
	}
	if v := n.get("locales"); v != nil {
		for _, t := range d.strList(v, path+".locales") {
			if k, ok := d.locale(t, path+".locales", t.y.Value); ok {
				s.locales = append(s.locales, k)
			}
		}
	}
	if v := n.get("channels"); v != nil {
		for _, t := range d.strList(v, path+".channels") {
			if d.channel(t, path+".channels", t.y.Value) {
				s.channels = append(s.channels, t.y.Value)
			}
		}
	}
	return s
}

// matchLocale reports whether an item locale key falls under a scope or
// section locale key: equal, or the key is the item's language.
func matchLocale(item, key string) bool {
	return item == key || (len(item) > len(key) && item[len(key)] == '-' && item[:len(key)] == key)
}
