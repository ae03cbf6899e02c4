package corpora

// Topics of the workshop and the kitchen.

var craftTopics = []topicSpec{
	{
		name:       "bread",
		activities: `baking bread; making sourdough; kneading dough by hand; keeping a starter alive; running a small bakery`,
		people:     `baker apprentice+baker miller pastry+cook bread+maker`,
		things:     `loaf/loaves starter crust crumb tin+loaf roll bloomer bun flatbread cob`,
		tools: `oven tin banneton peel proving+basket scraper mixing+bowl dough+hook tea+towel bread+board
			cooling+rack`,
		stuff: `flour yeast dough salt rye+flour semolina butter leaven`,
		acts: `
			bake/baked slice shape score | loaf tin+loaf bloomer roll bun flatbread cob | crusty golden warm fresh rustic seeded wholemeal
			knead fold prove shape divide weigh | dough | sticky soft slack stiff elastic
			feed/fed/fed refresh keep/kept | starter leaven | lively sour bubbling
			weigh sift measure | flour rye+flour semolina salt yeast | fine coarse stoneground fresh
			spread/spread/spread soften | butter | soft salted
			| crust crumb | crackling crisp open airy dense chewy
			heat light/lit | oven | hot
			flour line/lined fill | tin banneton proving+basket | greased
			scrub/scrubbed/scrubbed/scrubbing | peel scraper mixing+bowl bread+board | floury wooden`,
		places: `in the bakery; by the bread oven; on the floured bench; at the kitchen table; in the proving room;
			beside the flour bins; at the market stall; in the cool pantry`,
	},
	{
		name:       "weaving",
		activities: `weaving; working at a loom; spinning wool; dyeing yarn with plants; making cloth by hand`,
		people:     `weaver spinner dyer draper shepherd fuller tapestry+maker`,
		things:     `warp+thread weft skein hank tapestry rug blanket shawl pattern selvedge fleece cloth`,
		tools:      `loom shuttle heddle reed bobbin spindle distaff treadle spinning+wheel carder`,
		stuff:      `wool linen cotton silk yarn dye madder indigo flax`,
		acts: `
			weave/wove/woven finish hang/hung | tapestry rug blanket shawl cloth | woven striped chequered homespun warm heavy
			spin/spun/spun/spinning card wash | fleece wool flax | raw greasy soft coarse
			dye/dyed wind/wound/wound | yarn silk cotton linen | undyed tightly+spun fine
			wind/wound/wound | skein hank bobbin | fat neat
			thread/threaded dress | loom heddle reed | narrow upright
			steep boil | madder indigo dye | deep red
			design follow | pattern | intricate simple
			throw/threw/thrown pass | shuttle | wooden
			tie/tied tension | warp+thread weft | taut loose
			| selvedge | straight ragged threadbare`,
		places: `at the loom; in the weaving shed; by the dye vats; in the wool loft; beside the spinning wheel;
			at the cloth market; on the drying green; in the attic workroom`,
	},
	{
		name:       "pottery",
		activities: `throwing pots; working with clay; firing a kiln; glazing stoneware; running a country pottery`,
		people:     `potter thrower glazer kiln+master apprentice ceramicist`,
		things:     `bowl jug mug vase plate pitcher lid handle rim teapot tile crock`,
		tools:      `wheel kiln sponge wire+tool turning+tool bat kiln+shelf/kiln+shelves`,
		stuff:      `clay slip glaze grog stoneware porcelain earthenware`,
		acts: `
			throw/threw/thrown trim/trimmed/trimmed/trimming glaze fire | bowl jug mug vase plate pitcher teapot crock | lopsided wobbly speckled glazed earthy thrown
			wedge knead dig/dug/dug/digging | clay | wet plastic red grey leather+hard
			pull/pulled attach | handle | curved sturdy
			fit/fitted/fitted/fitting | lid | snug loose
			mix dip/dipped/dipped/dipping brush | glaze slip | runny thick glossy crazed
			press cut/cut/cut/cutting | tile | square patterned
			load/loaded unload/unloaded fire stack | kiln | hot cooling
			centre kick | wheel | spinning
			| rim | thin fine
			| stoneware porcelain earthenware | bone+dry fired`,
		places: `at the wheel; in the pottery; beside the kiln; on the drying shelves; in the glaze room;
			at the craft fair; in the clay store; by the workshop window`,
	},
	{
		name:       "cheesemaking",
		activities: `making cheese; running a small dairy; ageing cheese in a cave; turning wheels of hard cheese`,
		people:     `cheesemaker dairyman/dairymen milkmaid affineur cowherd dairy+farmer`,
		things:     `wheel rind truckle wedge round cow goat ewe`,
		tools:      `vat curd+knife/curd+knives mould press cheesecloth shelf/shelves churn pail ladle thermometer`,
		stuff:      `milk curd whey rennet butter cream brine salt`,
		acts: `
			turn/turned wash brush age/aged taste wrap/wrapped/wrapped/wrapping | wheel truckle round | mature young waxed nutty crumbly tangy
			cut/cut/cut/cutting taste | wedge | creamy crumbly tangy pungent mild
			milk feed/fed/fed | cow goat ewe | placid patient
			warm stir/stirred/stirred/stirring pour | milk cream | warm fresh raw
			cut/cut/cut/cutting drain press salt | curd | soft springy
			churn | butter cream | salted fresh
			add | rennet salt brine | cold
			scrub/scrubbed/scrubbed/scrubbing fill | vat pail churn mould | clean
			| rind | thick bloomy orange rinded
			drain feed/fed/fed | whey | thin sour`,
		places: `in the dairy; in the cheese cave; beside the vat; in the milking parlour; on the maturing shelves;
			at the farm shop; in the cold room; by the cheese press`,
	},
	{
		name:       "clockmaking",
		activities: `mending clocks; making watches; restoring a longcase clock; cleaning a movement`,
		people:     `clockmaker watchmaker horologist restorer apprentice collector`,
		things: `clock watch pendulum escapement spring gear wheel pinion dial hand chime case weight movement
			bezel crown balance+wheel mainspring hairspring`,
		tools: `loupe bench screwdriver oiler pin+vice`,
		stuff: `bronze oil steel enamel`,
		acts: `
			wind/wound/wound regulate repair restore clean | clock watch | antique ticking accurate handsome longcase
			dismantle assemble clean oil | movement escapement | delicate precise worn
			adjust hang/hung | pendulum weight | heavy bronze
			replace fit/fitted/fitted/fitting | spring mainspring hairspring gear pinion balance+wheel | broken delicate tiny
			buff paint | dial case bezel hand | enamel tarnished painted gilded
			| chime crown | deep sweet
			buff lacquer | bronze steel | tarnished bright
			apply | oil | fine clock`,
		places: `at the workbench; in the clock shop; under the lamp; in the back room; beside the window;
			at the auction house; in the church tower; in the museum store`,
	},
	{
		name:       "bookbinding",
		activities: `binding books; repairing old books; sewing signatures; marbling paper`,
		people:     `bookbinder conservator restorer stationer printer apprentice`,
		things: `book spine signature board cover endpaper headband page leaf/leaves sheet ledger journal
			notebook volume`,
		tools: `press needle bone+folder awl plough`,
		stuff: `paper leather paste glue thread linen vellum gold+leaf`,
		acts: `
			bind/bound/bound rebind/rebound/rebound mend repair | book ledger journal notebook volume | leatherbound foxed tattered handsome
			sew/sewed/sewn fold collate | signature sheet page leaf | loose folded
			glue cover line/lined | spine board | cracked broken stiff
			marble | endpaper paper | marbled decorated
			pare cut/cut/cut/cutting | leather vellum | soft supple
			mix brush | paste glue | wheat warm
			lay/laid/laid | gold+leaf | bright
			wax | thread | linen strong
			| cover headband | gilded tooled`,
		places: `at the bindery; under the press; at the sewing frame; in the paper store; by the window bench;
			in the conservation room; at the back of the shop; in the library basement`,
	},
	{
		name:       "carpentry",
		activities: `woodworking; building furniture; cutting joints by hand; restoring old chairs`,
		people:     `carpenter joiner cabinetmaker woodturner chairmaker apprentice`,
		things:     `dovetail mortise tenon joint board plank chair table drawer cabinet leg`,
		tools:      `plane chisel saw mallet bench vice clamp lathe spokeshave try+square marking+gauge`,
		stuff:      `wood oak ash walnut cherry glue varnish sawdust wax`,
		acts: `
			cut/cut/cut/cutting pare fit/fitted/fitted/fitting mark | dovetail mortise tenon joint | tight neat snug sloppy
			plane saw/sawed/sawn rip/ripped/ripped/ripping measure | board plank | seasoned warped true square knotty
			build/built repair restore glue | chair table drawer cabinet | sturdy elegant rickety
			sharpen hone set/set/set/setting | plane chisel saw spokeshave | sharp blunt keen
			season stack | oak ash walnut cherry wood | figured green
			brush rub/rubbed/rubbed/rubbing apply | varnish wax glue | clear
			sweep/swept | sawdust | fine
			turn | leg | slender turned`,
		places: `in the workshop; at the bench; by the lathe; in the timber yard; under the skylight;
			on the sawhorses; in the wood store; in the back of the van`,
	},
	{
		name:       "candles",
		activities: `making candles; dipping tapers; pouring wax; keeping a chandler's shop`,
		people:     `chandler candlemaker dipper apprentice sexton`,
		things:     `candle taper wick candlestick lantern sconce stub jar`,
		tools:      `mould pot dipping+frame ladle rack snuffer`,
		stuff:      `wax tallow beeswax soot smoke`,
		acts: `
			dip/dipped/dipped/dipping pour light/lit snuff | candle taper | slender squat fragrant flickering guttering
			trim/trimmed/trimmed/trimming light/lit | wick | charred smoky
			buff fill | candlestick lantern sconce jar | pewter copper
			melt strain pour | wax tallow beeswax | molten clear yellow
			gather save | stub | burnt
			fill warm | mould pot ladle | hot
			| soot smoke | black thin`,
		places: `in the chandlery; beside the melting pot; in the church; at the dipping frame; on the shop counter;
			by the cellar stairs; in the vestry; on the windowsill`,
	},
	{
		name:       "forge",
		activities: `blacksmithing; working at a forge; making tools by hand; shoeing horses`,
		people:     `blacksmith farrier smith striker toolmaker apprentice`,
		things:     `horseshoe nail hook hinge gate+latch bar rod poker blade horse pony`,
		tools:      `anvil forge hammer bellows/bellows quench+tub chisel swage vice drift punch`,
		stuff:      `iron steel coal coke charcoal`,
		acts: `
			forge hammer shape bend/bent fit/fitted/fitted/fitting | horseshoe hook hinge gate+latch poker nail | forged handmade sturdy
			heat hammer draw/drew/drawn twist | bar rod | glowing red+hot square
			temper quench grind/ground sharpen | blade chisel | tempered keen brittle
			pump work | bellows | leather
			light/lit stoke bank | forge | glowing smoky
			shovel/shovelled/shovelled/shovelling | coal coke charcoal | fresh
			| anvil hammer swage | heavy blackened
			shoe/shod/shod lead/led/led | horse pony | patient restless
			heat work | iron steel | wrought soft`,
		places: `at the forge; by the anvil; in the smithy; beside the quench tub; at the horse fair;
			in the yard outside; by the coal heap; under the old chestnut`,
	},
	{
		name:       "knitting",
		activities: `knitting; knitting jumpers by the fire; following an old pattern; darning socks`,
		people:     `knitter spinner designer shepherdess grandmother`,
		things: `stitch row sleeve cuff collar jumper sock glove scarf/scarves mitten pattern ball skein hat
			cardigan hem heel`,
		tools: `needle crochet+hook tape+measure`,
		stuff: `wool yarn mohair cashmere`,
		acts: `
			knit/knitted/knitted/knitting finish wear/wore/worn darn block | jumper sock glove scarf mitten hat cardigan | chunky cosy ribbed cabled snug warm
			cast/cast/cast drop/dropped/dropped/dropping pick/picked count | stitch | loose tight dropped
			knit/knitted/knitted/knitting purl count unpick | row | ribbed plain
			wind/wound/wound | ball skein | fat soft
			follow | pattern | intricate fairisle
			spin/spun/spun/spinning wash | wool yarn mohair cashmere | soft fine
			turn | heel cuff | neat
			sew/sewed/sewn shape | sleeve collar hem | straight`,
		places: `by the fire; in the armchair; on the train; at the yarn shop; in the sewing circle;
			on the porch; at the kitchen table; beside the window`,
	},
}
