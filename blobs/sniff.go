package blobs

import (
	"bytes"
	"net/http"
)

// sniffLen is how much of a file its type is read from.
const sniffLen = 512

// signatures are the magic numbers of the types dossiers carry that the
// standard sniffer does not know, such as AutoCAD drawings for building
// permits.
var signatures = []struct {
	prefix []byte
	media  string
}{
	{[]byte("%PDF-"), "application/pdf"},
	{[]byte("AC10"), "image/vnd.dwg"},
	{[]byte{0xFF, 0xD8, 0xFF}, "image/jpeg"},
	{[]byte("\x89PNG\r\n\x1a\n"), "image/png"},
}

// Sniff names the media type of a file from its first bytes.
func Sniff(head []byte) string {
	for _, s := range signatures {
		if bytes.HasPrefix(head, s.prefix) {
			return s.media
		}
	}
	media := http.DetectContentType(head)
	// Drop parameters such as "; charset=utf-8": limits name bare types.
	if i := bytes.IndexByte([]byte(media), ';'); i >= 0 {
		media = media[:i]
	}
	return media
}
