package site

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// pagedWorkspace adds n articles, one published each day of January 2025
// (item-00 first), to the test workspace.
func pagedWorkspace(t *testing.T, n int) string {
	t.Helper()
	dir := srvWorkspace(t, "")
	for i := range n {
		writeTestFile(t, dir, fmt.Sprintf("content/paged/item-%02d.md", i), fmt.Sprintf(`---
id: item-%02d
type: article
title: Field note %d
summary: A short note from the trail.
publish: 2025-01-%02dT08:00:00Z
---
Notes.
`, i, i, i+1))
	}
	return dir
}

type listPageJSON struct {
	Count    int    `json:"count"`
	Next     string `json:"next"`
	Variants []struct {
		ID string `json:"id"`
	} `json:"variants"`
}

// walk follows next cursors from path and returns every id in order.
func (ts *testServer) walk(t *testing.T, path string) (ids []string, pages int) {
	t.Helper()
	for {
		var p listPageJSON
		a := ts.get(path, nil)
		a.json(t, &p)
		pages++
		for _, v := range p.Variants {
			ids = append(ids, v.ID)
		}
		link := a.header.Get("Link")
		if p.Next == "" {
			if link != "" {
				t.Errorf("last page has a Link header %q", link)
			}
			return ids, pages
		}
		if !strings.Contains(link, "cursor="+url.QueryEscape(p.Next)) || !strings.HasSuffix(link, `rel="next"`) {
			t.Errorf("Link %q does not name cursor %q", link, p.Next)
		}
		if pages > 100 {
			t.Fatal("the pages do not end")
		}
		path = link[1:strings.Index(link, ">")]
	}
}

func TestListPages(t *testing.T) {
	ts := startServer(t, pagedWorkspace(t, 25), nil)
	ts.clock.Set(time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC))

	all, pages := ts.walk(t, "/v1/channels/x/variants")
	if pages != 1 || len(all) != 26 {
		t.Fatalf("default page: %d ids in %d pages", len(all), pages)
	}
	paged, pages := ts.walk(t, "/v1/channels/x/variants?limit=7")
	if pages != 4 || !slices.Equal(paged, all) {
		t.Errorf("limit=7: %d pages\n%v\nwant the one-page order\n%v", pages, paged, all)
	}
	// Newest first, and the guide (published 2025-01-01T00:00) after
	// item-00 (08:00 that day).
	if all[0] != "item-24" || all[24] != "item-00" || all[25] != "trail-guide" {
		t.Errorf("order: %v", all)
	}

	// A page boundary stays put when an earlier item is published
	// between requests.
	var first listPageJSON
	ts.get("/v1/channels/x/variants?limit=5", nil).json(t, &first)
	ts.clock.Set(time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)) // the spring sale opens
	var second listPageJSON
	ts.get("/v1/channels/x/variants?limit=5&cursor="+url.QueryEscape(first.Next), nil).json(t, &second)
	if second.Count != 27 || len(second.Variants) != 5 || second.Variants[0].ID != "item-19" {
		t.Errorf("second page after the sale opened: %+v", second)
	}

	for _, q := range []string{"limit=0", "limit=1001", "limit=ten", "cursor=%21%21", "cursor=" + url.QueryEscape("bm90LWEta2V5")} {
		if a := ts.get("/v1/channels/x/variants?"+q, nil); a.status != 400 || !strings.Contains(a.body, `"status":400`) {
			t.Errorf("%s: %d %s", q, a.status, a.body)
		}
	}
}

// TestListContentLanguage: a list names every locale it serves, the
// asked-for one first.
func TestListContentLanguage(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	ts.clock.Set(saleOpen)
	for q, want := range map[string]string{
		"locale=zh-CN":                "zh-CN, en-US", // the sale has no Chinese translation
		"locale=zh-CN&type=promotion": "en-US",
		"locale=en-US":                "en-US",
		"locale=zh-CN&tag=none":       "zh-CN", // empty
	} {
		if got := ts.get("/v1/channels/x/variants?"+q, nil).header.Get("Content-Language"); got != want {
			t.Errorf("%s: Content-Language %q, want %q", q, got, want)
		}
	}
}
