package site

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

// TestMergeFindings compares mergeFindings with a stable sort of the
// concatenated runs, on random runs that share files, lines and rules and
// differ in fields the sort does not look at.
func TestMergeFindings(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 500 {
		var runs [][]content.Finding
		var all []content.Finding
		for range rng.IntN(6) {
			var run []content.Finding
			for range rng.IntN(12) {
				run = append(run, content.Finding{
					Pos:      content.Position{File: fmt.Sprintf("content/%c.md", 'a'+rng.IntN(4)), Line: 1 + rng.IntN(3), Column: 1 + rng.IntN(2)},
					Rule:     []string{"terms.x", "casing.y"}[rng.IntN(2)],
					Severity: content.Severity(rng.IntN(3)),
					Item:     fmt.Sprint(len(all)), // tells equal-sorting findings apart
				})
				all = append(all, run[len(run)-1])
			}
			content.SortFindings(run)
			runs = append(runs, run)
		}
		want := slices.Concat(runs...)
		content.SortFindings(want)
		got := mergeFindings(runs)
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: runs %v\n got %v\nwant %v", trial, runs, got, want)
		}
	}
}
