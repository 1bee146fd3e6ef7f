package content

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

// nodeBudget caps how many YAML nodes one document may expand to through
// aliases, so a small file cannot make decoding run away.
const nodeBudget = 100_000

// overrideFields are the keys allowed under overrides.<channel>.
var overrideFields = []string{"text", "subject", "preheader", "title", "body"}

// decoder turns a yaml.Node tree into a Go value strictly: every unknown
// key, duplicate key and wrongly typed value becomes a finding at its
// node, and the position of every value is recorded by its path.
type decoder struct {
	src      *Source
	lineOff  int           // added to node lines to make them file lines
	list     []FieldOffset // where every value starts, by path
	findings []Finding
	channels []string // known channel ids; nil skips channel checks
	budget   int
	overrun  bool

	bad       map[string]bool // paths whose value had the wrong type
	nodes     []keptScalar    // string scalars, when keepNodes is set
	keepNodes bool
	overrides []string // overrides.<ch>.<field> paths in file order
}

func newDecoder(src *Source, lineOff int, channels []string) *decoder {
	return &decoder{src: src, lineOff: lineOff, channels: channels, budget: nodeBudget}
}

// record notes that the value at path starts at file offset off.
func (d *decoder) record(path string, off int) {
	d.list = append(d.list, FieldOffset{Path: path, Offset: off})
}

// fieldList sorts the fields recorded by path, keeping the last record of
// a path (a pointer's value is recorded twice, alike), and returns them.
// field needs it first.
func (d *decoder) fieldList() []FieldOffset {
	slices.SortStableFunc(d.list, func(a, b FieldOffset) int { return strings.Compare(a.Path, b.Path) })
	out := d.list[:0]
	for i, f := range d.list {
		if i+1 == len(d.list) || d.list[i+1].Path != f.Path {
			out = append(out, f)
		}
	}
	d.list = out
	return out
}

// field returns the position recorded for path, once fieldList has run.
func (d *decoder) field(path string) (Position, bool) {
	if off, ok := findField(d.list, path); ok {
		return d.src.Pos(off), true
	}
	return Position{}, false
}

// findField returns the offset of path in list, sorted by path.
func findField(list []FieldOffset, path string) (int, bool) {
	i, ok := slices.BinarySearchFunc(list, path, func(f FieldOffset, path string) int { return strings.Compare(f.Path, path) })
	if !ok {
		return 0, false
	}
	return list[i].Offset, true
}

// pos converts a node's line and column into a file position.
func (d *decoder) pos(n *yaml.Node) Position {
	line := n.Line + d.lineOff
	if off := d.src.Offset(line, n.Column); off >= 0 {
		return d.src.Pos(off)
	}
	if off := d.src.Offset(line, 1); off >= 0 {
		return d.src.Pos(off)
	}
	return d.src.Pos(0)
}

func (d *decoder) add(n *yaml.Node, rule, msg string) {
	d.findings = append(d.findings, Finding{Pos: d.pos(n), Severity: Error, Rule: rule, Message: msg})
}

// keptScalar is a string value kept for prose: its path, text and style,
// and the file offset of its node (-1 when the file has no such place).
type keptScalar struct {
	path  string
	value string
	style yaml.Style
	off   int
}

// node returns the string scalar kept for path.
func (d *decoder) node(path string) (keptScalar, bool) {
	for _, s := range d.nodes {
		if s.path == path {
			return s, true
		}
	}
	return keptScalar{}, false
}

// structInfo maps the YAML keys of a struct type to its field indexes.
type structInfo struct {
	keys  []string // in declaration order
	index map[string]int
}

var structCache sync.Map // reflect.Type → *structInfo

func infoOf(t reflect.Type) *structInfo {
	if v, ok := structCache.Load(t); ok {
		return v.(*structInfo)
	}
	si := &structInfo{index: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		si.keys = append(si.keys, name)
		si.index[name] = i
	}
	v, _ := structCache.LoadOrStore(t, si)
	return v.(*structInfo)
}

var timeType = reflect.TypeOf(time.Time{})

// decode fills v from n. path is the dotted YAML path of n ("" for the
// root).
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if n == nil {
		return
	}
	for n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return
		}
		n = n.Alias
	}
	if d.budget--; d.budget < 0 {
		if !d.overrun {
			d.overrun = true
			d.add(n, "yaml.syntax", "the document expands to too many values (aliases nested too deeply)")
		}
		return
	}
	if path != "" {
		d.record(path, d.pos(n).Offset)
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.typeError(n, path, "a mapping of keys to values")
			return
		}
		d.decodeStruct(n, v, path)
	case reflect.Pointer:
		if v.Type().Elem() == timeType {
			if n.Kind != yaml.ScalarNode {
				d.typeError(n, path, "a date like 2025-03-01 or 2025-03-01T09:00:00Z")
				return
			}
			t, ok := parseTime(n.Value)
			if !ok {
				d.typeError(n, path, "a date like 2025-03-01 or 2025-03-01T09:00:00Z")
				return
			}
			v.Set(reflect.ValueOf(&t))
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem(), path)
		v.Set(p)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.typeError(n, path, "text")
			return
		}
		v.SetString(n.Value)
		if d.keepNodes && isProsePath(path) {
			d.nodes = append(d.nodes, keptScalar{path, n.Value, n.Style, d.src.Offset(n.Line+d.lineOff, n.Column)})
			if strings.Count(path, ".") == 2 {
				d.overrides = append(d.overrides, path)
			}
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode {
			d.typeError(n, path, "a whole number")
			return
		}
		i, err := strconv.Atoi(n.Value)
		if err != nil {
			d.typeError(n, path, "a whole number")
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.typeError(n, path, "true or false")
			return
		}
		v.SetBool(strings.EqualFold(n.Value, "true") || strings.EqualFold(n.Value, "yes") || strings.EqualFold(n.Value, "on"))
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.typeError(n, path, "a list")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.typeError(n, path, "a mapping of keys to values")
			return
		}
		d.decodeMap(n, v, path)
	}
}

// pairs returns a mapping's keys and values, alternating, with merge keys
// (<<) expanded first so that the mapping's own keys override them.
func (d *decoder) pairs(n *yaml.Node) []*yaml.Node {
	for i := 0; i < len(n.Content); i += 2 {
		if isMerge(n.Content[i]) {
			return d.merged(n, 0)
		}
	}
	return n.Content
}

func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "" || k.Tag == "!" || k.ShortTag() == "!!merge")
}

func (d *decoder) merged(n *yaml.Node, depth int) []*yaml.Node {
	var own, from []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if !isMerge(k) {
			own = append(own, k, val)
			continue
		}
		if depth >= 8 {
			continue
		}
		src := val
		for src.Kind == yaml.AliasNode && src.Alias != nil {
			src = src.Alias
		}
		list := []*yaml.Node{src}
		if src.Kind == yaml.SequenceNode {
			list = src.Content
		}
		for _, m := range list {
			for m.Kind == yaml.AliasNode && m.Alias != nil {
				m = m.Alias
			}
			if m.Kind == yaml.MappingNode {
				from = append(from, d.merged(m, depth+1)...)
			}
		}
	}
	seen := map[string]bool{}
	for i := 0; i < len(own); i += 2 {
		seen[own[i].Value] = true
	}
	var out []*yaml.Node
	for i := 0; i+1 < len(from); i += 2 {
		if !seen[from[i].Value] {
			seen[from[i].Value] = true
			out = append(out, from[i], from[i+1])
		}
	}
	return append(out, own...)
}

// firstKey returns the earlier key node equal to kv[i] in the alternating
// key/value list kv, or nil.
func firstKey(kv []*yaml.Node, i int, index map[string]*yaml.Node) *yaml.Node {
	if index != nil {
		if k, ok := index[kv[i].Value]; ok {
			return k
		}
		index[kv[i].Value] = kv[i]
		return nil
	}
	for j := 0; j < i; j += 2 {
		if kv[j].Kind == yaml.ScalarNode && kv[j].Value == kv[i].Value {
			return kv[j]
		}
	}
	return nil
}

// keyIndex returns a map for duplicate detection in large mappings;
// small ones are scanned instead.
func keyIndex(kv []*yaml.Node) map[string]*yaml.Node {
	if len(kv) <= 32 {
		return nil
	}
	return make(map[string]*yaml.Node, len(kv)/2)
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	si := infoOf(v.Type())
	kv := d.pairs(n)
	index := keyIndex(kv)
	for i := 0; i+1 < len(kv); i += 2 {
		k, val := kv[i], kv[i+1]
		if k.Kind != yaml.ScalarNode {
			d.add(k, "schema."+rulePath(path), fmt.Sprintf("%s has a key that is not plain text", describePath(path)))
			continue
		}
		key := k.Value
		kpath := join(path, key)
		if first := firstKey(kv, i, index); first != nil {
			d.add(k, "schema."+rulePath(kpath), fmt.Sprintf("key %q appears twice (first on line %d)", key, first.Line+d.lineOff))
			continue
		}
		fi, ok := si.index[key]
		if !ok {
			d.add(k, "schema."+rulePath(kpath), unknownKey(key, si.keys))
			continue
		}
		d.decode(val, v.Field(fi), kpath)
	}
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	if v.Type().Key().Kind() != reflect.String {
		return
	}
	known, what := d.mapKeys(path)
	kv := d.pairs(n)
	index := keyIndex(kv)
	m := reflect.MakeMapWithSize(v.Type(), len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		k, val := kv[i], kv[i+1]
		if k.Kind != yaml.ScalarNode {
			d.add(k, "schema."+rulePath(path), fmt.Sprintf("%s has a key that is not plain text", describePath(path)))
			continue
		}
		key := k.Value
		kpath := join(path, key)
		if first := firstKey(kv, i, index); first != nil {
			d.add(k, "schema."+rulePath(path), fmt.Sprintf("key %q appears twice (first on line %d)", key, first.Line+d.lineOff))
			continue
		}
		if known != nil && !contains(known, key) {
			if what == "channel" {
				d.add(k, "schema."+rulePath(path), unknownChannel(key, known))
			} else {
				d.add(k, "schema."+rulePath(path), unknownName(what, key, known))
			}
			continue
		}
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, e, kpath)
		m.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), e)
	}
	v.Set(m)
}

// mapKeys returns the keys a map at path may hold, or nil for any.
func (d *decoder) mapKeys(path string) (known []string, what string) {
	switch {
	case path == "overrides":
		return d.channels, "channel"
	case strings.HasPrefix(path, "overrides.") && strings.Count(path, ".") == 1:
		return overrideFields, "field"
	}
	return nil, ""
}

func (d *decoder) typeError(n *yaml.Node, path, want string) {
	if d.bad == nil {
		d.bad = map[string]bool{}
	}
	d.bad[path] = true
	d.add(n, "schema."+rulePath(path), fmt.Sprintf("%s must be %s, got %s", describePath(path), want, describeNode(n)))
}

// checkChannels reports every entry of a channel list that is not a known
// channel. The list's element positions come from the decoded paths.
func (d *decoder) checkChannels(path string, list []string) {
	if d.channels == nil {
		return
	}
	for i, c := range list {
		if contains(d.channels, c) {
			continue
		}
		pos, _ := d.field(path + "[" + strconv.Itoa(i) + "]")
		d.findings = append(d.findings, Finding{Pos: pos, Severity: Error, Rule: "schema." + rulePath(path), Message: unknownChannel(c, d.channels)})
	}
}

// parseTime reads the timestamp forms YAML allows (RFC 3339, a space
// instead of the T, no zone, a date alone); times without a zone are UTC.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || s[0] < '0' || s[0] > '9' {
		return time.Time{}, false
	}
	if len(s) == 10 {
		t, err := time.Parse("2006-01-02", s)
		return t, err == nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	for _, f := range timeFormats {
		if t, err := time.Parse(f, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var timeFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999 Z07:00",
	"2006-1-2T15:4:5.999999999",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2T15:4",
	"2006-1-2 15:4",
	"2006-1-2",
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// describePath names a path for messages: "the document" for the root.
func describePath(path string) string {
	if path == "" {
		return "the document"
	}
	return path
}

// rulePath turns a YAML path into the tail of a stable rule id: indexes
// dropped, lowercase, only [a-z0-9_.-].
func rulePath(path string) string {
	if path == "" {
		return "document"
	}
	var b strings.Builder
	b.Grow(len(path))
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// describeNode shows a value in a message: a quoted scalar (shortened) or
// what kind of collection it is.
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return quoteShort(n.Value)
	}
	return "nothing"
}

// quoteShort quotes s for a message, cut to 60 characters.
func quoteShort(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return strconv.Quote(s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unknownKey words an unknown-key finding with the closest known key, or
// the list of known keys when none is close.
func unknownKey(key string, known []string) string {
	if s := suggest(key, known); s != "" {
		return fmt.Sprintf("unknown key %q (did you mean %q?)", key, s)
	}
	return fmt.Sprintf("unknown key %q (known: %s)", key, strings.Join(known, ", "))
}

func unknownName(what, key string, known []string) string {
	if s := suggest(key, known); s != "" {
		return fmt.Sprintf("unknown %s %q (did you mean %q?)", what, key, s)
	}
	return fmt.Sprintf("unknown %s %q (known: %s)", what, key, strings.Join(known, ", "))
}

// unknownChannel words an unknown channel the way database/sql words an
// unknown driver.
func unknownChannel(name string, known []string) string {
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	if s := suggest(name, sorted); s != "" {
		return fmt.Sprintf("unknown channel %q (did you mean %q? known: %s)", name, s, strings.Join(sorted, ", "))
	}
	return fmt.Sprintf("unknown channel %q (known: %s)", name, strings.Join(sorted, ", "))
}

// suggest returns the known word closest to s when it is close enough to
// be a likely typo, else "".
func suggest(s string, known []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, k := range known {
		if strings.ToLower(k) == ls {
			return k
		}
		if d := EditDistance(ls, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	n := len([]rune(s))
	limit := 2
	if n <= 4 {
		limit = 1
	}
	if n > 9 {
		limit = 3
	}
	if bestD <= limit && bestD < n {
		return best
	}
	return ""
}

// EditDistance is the optimal string alignment distance in code points:
// insertions, deletions, substitutions and swaps of two neighbours each
// cost one. Strings over 64 code points that differ count as very far
// apart. Every "did you mean" hint in the project ranks names with it.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
