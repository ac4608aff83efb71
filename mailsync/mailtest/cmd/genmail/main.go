// Command genmail writes realistic complaint mails (mailtest.Complaints) for
// benchmarks: into a Maildir's new/ directory, or as .eml files.
//
//	genmail -n 2000 -maildir DIR [-owner UID:GID] [-seed 1]
//	genmail -n 50 -out DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"casebook/mailsync/mailtest"
)

func main() {
	n := flag.Int("n", 2000, "number of messages")
	seed := flag.Uint64("seed", 1, "seed: the same seed and n give the same messages")
	maildir := flag.String("maildir", "", "Maildir to drop the messages into (its new/ directory)")
	owner := flag.String("owner", "", "UID:GID to own the files in the Maildir (default: the Maildir's owner)")
	out := flag.String("out", "", "directory to write NNNNNN.eml files into instead")
	flag.Parse()
	if err := run(*n, *seed, *maildir, *owner, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genmail:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, maildir, owner, out string) error {
	if (maildir == "") == (out == "") {
		return fmt.Errorf("give exactly one of -maildir and -out")
	}
	raws := mailtest.Complaints(n, seed)
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		for i, raw := range raws {
			if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%06d.eml", i)), raw, 0o644); err != nil {
				return err
			}
		}
		return nil
	}
	uid, gid := os.Getuid(), os.Getgid()
	if owner == "" {
		if fi, err := os.Stat(maildir); err == nil {
			uid, gid = ownerOf(fi)
		}
	} else {
		u, g, ok := strings.Cut(owner, ":")
		var err1, err2 error
		uid, err1 = strconv.Atoi(u)
		gid, err2 = strconv.Atoi(g)
		if !ok || err1 != nil || err2 != nil {
			return fmt.Errorf("-owner %q: want UID:GID", owner)
		}
	}
	return mailtest.WriteMaildir(maildir, uid, gid, raws)
}
