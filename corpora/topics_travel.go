package corpora

// Topics of the sea, the road and the rails.

var travelTopics = []topicSpec{
	{
		name:       "sailing",
		activities: `sailing; crossing the bay under sail; racing small dinghies; learning to navigate by the stars; keeping an old boat afloat`,
		people:     `sailor skipper deckhand navigator bosun helmsman/helmsmen harbourmaster yachtsman/yachtsmen crew+member`,
		things: `boat mast sail jib mainsail boom tiller rudder hull keel anchor mooring dinghy halyard sheet
			cleat buoy wave gust squall bow stern`,
		tools: `compass/compasses chart winch oar`,
		stuff: `rope canvas varnish`,
		acts: `
			sail/sailed launch moor steer | boat dinghy | seaworthy leaky shipshape
			hoist reef trim/trimmed/trimmed/trimming furl | sail jib mainsail | patched
			haul coil cleat | halyard sheet | wet
			scrape caulk paint | hull keel | weedy
			drop/dropped/dropped/dropping weigh/weighed | anchor | heavy
			read/read/read check | chart compass | salty
			pull/pulled ship | oar | spare
			put/put/put/putting lash | tiller rudder boom | windward leeward
			ride/rode/ridden | wave squall gust | storm+tossed
			pick/picked | mooring buoy | heeling
			coil splice | rope | frayed
			| mast bow stern cleat | trim becalmed`,
		places: `in the harbour; out beyond the breakwater; at the mooring; on the foredeck; in the cabin;
			along the quay; off the headland; in the lee of the island`,
	},
	{
		name:       "trains",
		activities: `travelling by train; watching steam engines; restoring an old railway; riding the night sleeper`,
		people:     `driver fireman/firemen guard signalman/signalmen porter stationmaster platelayer passenger`,
		things: `locomotive carriage platform signal+box timetable ticket whistle boiler firebox tender
			siding viaduct tunnel level+crossing junction waiting+room`,
		tools: `oil+can shovel lamp flag`,
		stuff: `coal steam smoke soot luggage`,
		acts: `
			drive/drove/driven restore oil | locomotive | gleaming sooty
			couple shunt board | carriage | crowded empty draughty
			check buy/bought/bought punch | ticket timetable | punctual
			shovel/shovelled/shovelled/shovelling | coal | dusty
			stoke | firebox boiler | roaring
			cross | viaduct level+crossing junction tunnel | long
			blow/blew/blown | whistle | shrill
			wave | flag lamp | green
			sweep/swept | platform waiting+room signal+box | deserted
			carry/carried load/loaded | luggage | heavy
			| tender siding | overnight delayed rattling`,
		places: `on the platform; in the signal box; at the junction; in the dining car; on the branch line;
			under the station clock; at the engine shed; across the viaduct`,
	},
	{
		name:       "lighthouses",
		activities: `keeping a lighthouse; tending the light; watching ships from a tower; living on a rock`,
		people:     `keeper assistant+keeper boatman/boatmen coastguard relief+keeper supply+skipper`,
		things: `lighthouse lamp lantern+room lens prism tower gallery foghorn reef rock beacon wick stair
			storeroom`,
		tools: `logbook oil+can supply+boat rowing+boat`,
		stuff: `paraffin oil bronze`,
		acts: `
			light/lit trim/trimmed/trimmed/trimming tend | lamp wick beacon | revolving
			buff clean | lens prism | gleaming
			sound | foghorn | mournful
			paint climb whitewash | tower stair lighthouse | whitewashed lofty
			keep/kept write/wrote/written | logbook | weathered
			row unload | supply+boat rowing+boat | small
			carry/carried pour | paraffin oil | clean
			buff | bronze | bright
			sweep/swept | lantern+room storeroom gallery | cramped
			| reef rock | wave+lashed foggy`,
		places: `in the lantern room; at the top of the tower; on the gallery; at the landing stage; on the reef;
			in the keepers' cottage; at the foot of the stairs; out on the rock`,
	},
	{
		name:       "coast",
		activities: `walking the coast; beachcombing; watching the tides; exploring rock pools`,
		people:     `beachcomber fisherman/fishermen coastguard lifeboatman/lifeboatmen shell+collector naturalist`,
		things: `tide rock+pool limpet crab shell wave cove headland cliff dune pebble estuary breakwater
			groyne jetty seal starfish sandbar`,
		stuff: `sand seaweed shingle foam driftwood`,
		acts: `
			collect find/found/found | shell pebble starfish | smooth wave+worn
			explore search | rock+pool cove estuary | sheltered tidal
			watch | seal wave tide | grey
			catch/caught/caught | crab | tiny
			walk climb | cliff headland dune jetty breakwater groyne sandbar | windswept rocky sandy
			gather | seaweed driftwood | salt+bleached
			prise | limpet | stubborn
			| sand shingle foam | wet briny`,
		places: `on the beach; below the cliffs; at low tide; in the cove; along the shingle;
			beside the harbour wall; among the dunes; on the sandbar`,
	},
	{
		name:       "fishing",
		activities: `fishing; fly fishing on a quiet river; fishing from a small boat; tying flies`,
		people:     `angler fisherman/fishermen ghillie fly+tier bailiff trawlerman/trawlermen`,
		things:     `fly/flies trout/trout salmon/salmon pike perch pool riffle pier`,
		tools:      `rod reel line hook float net creel landing+net wader boat`,
		stuff:      `bait tackle groundbait`,
		acts: `
			catch/caught/caught land net/netted/netted/netting release | trout salmon pike perch | wary speckled silvery hungry rising
			tie/tied cast/cast/cast | fly | dry
			fish wade | pool riffle | deep
			bait | hook | barbed
			cast/cast/cast untangle | line | snagged
			row | boat | small
			check | rod reel | light
			walk | pier | long`,
		places: `on the riverbank; at the end of the pier; in the fishing hut; in the shallows; by the weir pool;
			from the rowing boat; at the head of the loch; beneath the alders`,
	},
	{
		name:       "cycling",
		activities: `cycling; touring by bicycle; riding country lanes; mending punctures at the roadside`,
		people:     `cyclist rider mechanic tourer racer club+captain`,
		things: `bicycle saddle pedal chain gear wheel spoke tyre pannier handlebar brake hill lane route
			lamp`,
		tools: `pump puncture+kit map spanner`,
		stuff: `oil grease mud`,
		acts: `
			ride/rode/ridden clean | bicycle | lightweight rattling
			oil adjust | chain gear brake | rusty
			mend pump | tyre | punctured flat
			true | wheel spoke | buckled
			load pack | pannier | heavy
			climb | hill lane | steep
			plan/planned/planned/planning follow | route | hilly
			raise lower | saddle handlebar | leather
			| pedal lamp | steady
			wipe | grease mud | black`,
		places: `on the country lanes; at the top of the pass; in the village cafe; at the roadside; in the bike shed;
			along the canal path; on the long descent; by the crossroads`,
	},
	{
		name:       "cartography",
		activities: `making maps; surveying the land; drawing charts of the coast; collecting old maps`,
		people:     `cartographer surveyor draughtsman/draughtsmen engraver map+collector explorer`,
		things:     `map chart atlas scale contour grid+line border legend sheet coastline boundary trig+point globe`,
		tools:      `compass/compasses theodolite plane+table inkwell pen`,
		stuff:      `ink vellum paper`,
		acts: `
			draw/drew/drawn engrave colour copy/copied fold | map chart sheet | detailed outdated faded
			survey trace | coastline boundary | jagged
			draw/drew/drawn | contour grid+line border | neat
			consult | atlas globe | coloured
			set/set/set/setting | theodolite plane+table compass | accurate
			fill | inkwell pen | fine
			visit | trig+point | lonely
			| scale legend | hand+drawn engraved`,
		places: `in the map room; at the drawing table; in the field; on the hilltop; at the archive;
			along the coast road; in the survey office; beside the trig point`,
	},
}
