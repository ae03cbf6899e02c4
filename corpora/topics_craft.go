package corpora

// Topics of the workshop and the kitchen.

var craftTopics = []topicSpec{
	{
		name:       "bread",
		activities: `baking bread; making sourdough; kneading dough by hand; keeping a starter alive; running a small bakery`,
		people:     `baker apprentice+baker miller pastry+cook bread+maker`,
		things:     `loaf/loaves starter crust crumb baguette roll bloomer bun pretzel`,
		tools: `oven tin banneton peel proving+basket scraper mixing+bowl dough+hook tea+towel bread+board
			cooling+rack sack`,
		stuff: `flour yeast dough salt rye+flour semolina butter steam leaven`,
		adjs:  `crusty chewy airy dense sour warm golden floury risen underproved`,
		verbs: `knead bake/baked shape fold prove score/scored/scored/scoring slice mix weigh feed/fed dust/dusted`,
		places: `in the bakery; by the bread oven; on the floured bench; at the kitchen table; in the proving room;
			beside the flour bins; at the market stall; in the cool pantry`,
	},
	{
		name:       "weaving",
		activities: `weaving; working at a loom; spinning wool; dyeing yarn with plants; making cloth by hand`,
		people:     `weaver spinner dyer draper shepherd fuller tapestry+maker`,
		things:     `warp+thread weft skein hank tapestry rug blanket shawl pattern selvedge fleece`,
		tools:      `loom shuttle heddle reed bobbin spindle distaff treadle beam spinning+wheel carder`,
		stuff:      `wool linen cotton silk yarn dye madder indigo flax`,
		adjs:       `woven tightly+spun coarse fine soft undyed striped chequered threadbare homespun`,
		verbs:      `weave/wove/woven spin/spun/spun/spinning dye/dyed card wind/wound/wound thread/threaded finish tie/tied full/fulled wash`,
		places: `at the loom; in the weaving shed; by the dye vats; in the wool loft; beside the spinning wheel;
			at the cloth market; on the drying green; in the attic workroom`,
	},
	{
		name:       "pottery",
		activities: `throwing pots; working with clay; firing a kiln; glazing stoneware; running a country pottery`,
		people:     `potter thrower glazer kiln+master apprentice ceramicist`,
		things:     `bowl jug mug vase plate pitcher lid handle rim foot/feet crock teapot tile`,
		tools:      `wheel kiln sponge wire+tool turning+tool bat shelf/shelves kiln+shelf`,
		stuff:      `clay slip glaze ash+glaze grog stoneware porcelain earthenware`,
		adjs:       `leather+hard bone+dry glazed wobbly lopsided thrown fired crazed speckled earthy`,
		verbs:      `throw/threw/thrown wedge trim/trimmed/trimmed/trimming glaze fire/fired pull/pulled centre/centred turn dip/dipped/dipped/dipping stack load/loaded`,
		places: `at the wheel; in the pottery; beside the kiln; on the drying shelves; in the glaze room;
			at the craft fair; in the clay store; by the workshop window`,
	},
	{
		name:       "cheesemaking",
		activities: `making cheese; running a small dairy; ageing cheese in a cave; turning wheels of cheddar`,
		people:     `cheesemaker dairyman/dairymen milkmaid affineur cowherd dairy+farmer`,
		things:     `wheel rind cellar cow goat truckle wedge drum`,
		tools: `vat curd+knife/curd+knives mould press cloth shelf/shelves churn pail cheese+iron ladle
			thermometer`,
		stuff: `milk curd whey rennet butter cream brine salt`,
		adjs:  `creamy crumbly tangy mature young waxed rinded nutty mild pungent`,
		verbs: `stir/stirred/stirred/stirring cut/cut/cut/cutting press/pressed salt turn/turned wash/washed age/aged taste drain/drained wrap/wrapped/wrapped/wrapping milk/milked`,
		places: `in the dairy; in the cheese cave; beside the vat; in the milking parlour; on the maturing shelves;
			at the farm shop; in the cold room; by the cheese press`,
	},
	{
		name:       "clockmaking",
		activities: `mending clocks; making watches; restoring a longcase clock; cleaning a movement`,
		people:     `clockmaker watchmaker horologist restorer apprentice collector`,
		things: `clock watch pendulum escapement spring gear wheel pinion dial hand chime case weight movement
			bezel crown balance+wheel mainspring hairspring`,
		tools: `loupe tweezers bench`,
		stuff: `brass oil steel enamel gilt lacquer`,
		adjs:  `ticking wound overwound delicate precise antique accurate polished tarnished`,
		verbs: `wind/wound/wound oil/oiled clean regulate adjust repair/repaired polish/polished assemble dismantle set/set/set/setting test/tested`,
		places: `at the workbench; in the clock shop; under the lamp; in the back room; beside the window;
			at the auction house; in the church tower; in the museum store`,
	},
	{
		name:       "bookbinding",
		activities: `binding books; repairing old books; sewing signatures; marbling paper`,
		people:     `bookbinder conservator restorer stationer printer apprentice`,
		things: `book spine signature board cover endpaper headband page leaf/leaves quire sheet ledger journal
			notebook volume`,
		tools: `press needle bone+folder awl plough`,
		stuff: `paper leather paste glue thread linen vellum gold+leaf`,
		adjs:  `bound sewn foxed marbled tooled worn rebacked gilded sturdy limp`,
		verbs: `sew/sewed/sewn fold/folded trim/trimmed/trimmed/trimming glue/glued press/pressed cover mend/mended rebind/rebound/rebound letter/lettered back`,
		places: `at the bindery; under the press; at the sewing frame; in the paper store; by the window bench;
			in the conservation room; at the back of the shop; in the library basement`,
	},
	{
		name:       "carpentry",
		activities: `woodworking; building furniture; cutting joints by hand; restoring old chairs`,
		people:     `carpenter joiner cabinetmaker woodturner chairmaker apprentice`,
		things:     `dovetail mortise tenon board plank chair table drawer cabinet shaving`,
		tools:      `plane chisel saw mallet bench vice clamp lathe spokeshave try+square marking+gauge`,
		stuff:      `wood oak ash walnut cherry glue varnish sawdust wax`,
		adjs:       `seasoned warped planed true square figured knotty smooth rough sawn`,
		verbs:      `plane saw/sawed/sawn cut/cut/cut/cutting glue/glued clamp/clamped sand/sanded fit/fitted/fitted/fitting mark/marked join turn finish`,
		places: `in the workshop; at the bench; by the lathe; in the timber yard; under the skylight;
			on the sawhorses; in the wood store; in the back of the van`,
	},
	{
		name:       "candles",
		activities: `making candles; dipping tapers; pouring wax; keeping a chandler's shop`,
		people:     `chandler candlemaker dipper apprentice sexton`,
		things:     `candle taper wick candlestick lantern sconce stub jar holder`,
		tools:      `mould pot dipping+frame ladle rack snuffer`,
		stuff:      `wax tallow beeswax soot light smoke`,
		adjs:       `smoky flickering dripping guttering fragrant pale slender squat`,
		verbs:      `dip/dipped/dipped/dipping pour/poured trim/trimmed/trimmed/trimming light/lit mould/moulded melt/melted cut/cut/cut/cutting snuff/snuffed hang/hung`,
		places: `in the chandlery; beside the melting pot; in the church; at the dipping frame; on the shop counter;
			by the cellar stairs; in the vestry; on the windowsill`,
	},
	{
		name:       "forge",
		activities: `blacksmithing; working at a forge; making tools by hand; shoeing horses`,
		people:     `blacksmith farrier smith striker toolmaker apprentice`,
		things:     `horseshoe nail hook hinge gate+latch bar rod poker`,
		tools:      `anvil forge hammer bellows/bellows quench+tub chisel fire+pot vice drift punch`,
		stuff:      `iron steel coal coke scale charcoal`,
		adjs:       `glowing red+hot forged tempered brittle hammered blackened smoky`,
		verbs:      `forge/forged hammer/hammered heat/heated quench/quenched temper/tempered shape bend/bent punch/punched weld/welded shoe/shod`,
		places: `at the forge; by the anvil; in the smithy; beside the quench tub; at the horse fair;
			in the yard outside; by the coal heap; under the old chestnut`,
	},
	{
		name:       "knitting",
		activities: `knitting; knitting jumpers by the fire; following an old pattern; darning socks`,
		people:     `knitter spinner designer shepherdess grandmother`,
		things: `stitch row sleeve cuff collar jumper sock glove scarf/scarves mitten pattern ball skein cable
			purl+row hat cardigan hem`,
		tools: `needle`,
		stuff: `wool yarn mohair cashmere tension`,
		adjs:  `chunky cosy ribbed cabled lumpy snug tightly+knitted fairisle loose`,
		verbs: `knit/knitted/knitted/knitting purl cast/cast/cast block/blocked darn/darned unpick measure wind/wound/wound finish`,
		places: `by the fire; in the armchair; on the train; at the yarn shop; in the sewing circle;
			on the porch; at the kitchen table; beside the window`,
	},
}
