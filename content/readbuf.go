package content

import "sync"

// Content files are read into buffers that go back to readBuffers once
// nothing can refer to their bytes: when a Visit has shed an item's
// source (Item.Shed without keepSource), in a load that checks the source
// only (Options.ProseOnly) and keeps no Cache.
// Every text the parse takes from a file is a copy (strings converted
// from the bytes, never aliased), so after Shed the item and its findings
// keep none of the buffer. A large check then reads its files into a few
// dozen buffers instead of allocating one a file, which the collector
// would have to reclaim. TestRecycledBuffers holds the loads with and
// without recycling to the same result.

// maxPooledRead bounds the buffers readBuffers keeps.
const maxPooledRead = 1 << 20

// readUnit rounds up the buffers readBuffer makes, so that one buffer
// serves files of about the same size.
const readUnit = 1 << 10

var readBuffers sync.Pool // of *[]byte

// scribbleRecycled makes recycleRead overwrite each buffer, for tests
// that prove nothing still reads it.
var scribbleRecycled bool

// readBuffer returns an empty buffer with room for n bytes. A pooled
// buffer serves only when it is at most twice that: an item that is not
// shed keeps its buffer for as long as it lives.
func readBuffer(n int) []byte {
	if p, ok := readBuffers.Get().(*[]byte); ok && cap(*p) >= n && cap(*p) <= 2*n+readUnit {
		return (*p)[:0]
	}
	return make([]byte, 0, (n+readUnit-1)/readUnit*readUnit)
}

// recycleRead gives b back for another file to be read into; nothing may
// use its bytes after.
func recycleRead(b []byte) {
	if cap(b) > maxPooledRead {
		return
	}
	if scribbleRecycled {
		b = b[:cap(b)]
		for i := range b {
			b[i] = '#'
		}
	}
	b = b[:0]
	readBuffers.Put(&b)
}
