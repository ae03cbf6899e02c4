// Command serve runs the hostile server on a loopback port for scripts
// (.ci/peak-rss.sh): serve -faults endless prints its URL and serves until
// killed.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"

	"niah/internal/hostile"
)

func main() {
	faults := flag.String("faults", "endless", "comma-separated faults served with equal weight: "+fmt.Sprint(hostile.All))
	flag.Parse()
	mix := map[hostile.Fault]int{}
	for _, f := range strings.Split(*faults, ",") {
		mix[hostile.Fault(strings.TrimSpace(f))]++
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "http://%s/v1\n", ln.Addr())
	log.Fatal(http.Serve(ln, &hostile.Server{Mix: mix, Seed: 1}))
}
