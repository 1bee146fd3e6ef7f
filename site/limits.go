package site

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// checkLimits reports every adapter limit the variant's metrics exceed,
// as limits.<channel>.<metric> with the limit's severity.
func checkLimits(it *content.Item, a adapters.Adapter, v *adapters.Variant) []content.Finding {
	var fs []content.Finding
	ch := a.ID()
	for _, l := range a.Limits() {
		n, ok := metric(v.Metrics[l.Metric])
		if !ok || n <= int64(l.Max) {
			continue
		}
		fs = append(fs, content.Finding{
			Pos:      it.FieldPos("id"),
			Severity: l.Severity,
			Rule:     "limits." + ch + "." + l.Metric,
			Message:  fmt.Sprintf("%s %s is %d %s; the limit is %d", ch, subject(l), n, l.Unit, l.Max),
			Channel:  ch,
			Item:     it.ID,
		})
	}
	return fs
}

// subject names what a limit measures, for messages: the metric's words
// that the unit does not already say ("title" for title_length in
// characters), or "text" when none are left (weighted_length in weighted
// characters).
func subject(l adapters.Limit) string {
	unit := strings.Fields(l.Unit)
	var words []string
	for _, w := range strings.Split(l.Metric, "_") {
		if w == "" || w == "length" || w == "count" || slices.Contains(unit, w) || slices.Contains(unit, w+"s") {
			continue
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return "text"
	}
	return strings.Join(words, " ")
}

// metric reads a whole-number metric whatever integer type the adapter
// stored it as.
func metric(x any) (int64, bool) {
	switch n := x.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case int32:
		return int64(n), true
	case uint:
		return int64(min(uint64(n), math.MaxInt64)), true
	case uint64:
		return int64(min(n, math.MaxInt64)), true
	case uint32:
		return int64(n), true
	case float64:
		if n != math.Trunc(n) || math.IsNaN(n) {
			return 0, false
		}
		return int64(max(min(n, math.MaxInt64), math.MinInt64)), true
	}
	return 0, false
}
