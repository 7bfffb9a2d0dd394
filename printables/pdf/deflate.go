package pdf

import (
	"bytes"
	"compress/zlib"
	"sync"
)

// compressors keeps zlib writers between papers: a new writer allocates
// its window and hash tables, several hundred kilobytes, which for a
// one-page paper cost more than compressing it.
var compressors = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// deflate compresses b for a /FlateDecode stream.
func deflate(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b)/2 + 64)
	w := compressors.Get().(*zlib.Writer)
	w.Reset(&out)
	// Writing to a bytes.Buffer cannot fail.
	_, _ = w.Write(b)
	_ = w.Close()
	compressors.Put(w)
	return out.Bytes()
}
