package mailsync

import (
	"encoding/base64"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}
