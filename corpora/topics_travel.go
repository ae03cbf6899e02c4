package corpora

// Topics of the sea, the road and the rails.

var travelTopics = []topicSpec{
	{
		name:       "sailing",
		activities: `sailing; crossing the bay under sail; racing small dinghies; learning to navigate by the stars; keeping an old boat afloat`,
		people:     `sailor skipper deckhand navigator bosun helmsman/helmsmen harbourmaster yachtsman/yachtsmen crew+member`,
		things: `boat mast sail jib mainsail boom tiller rudder hull keel anchor mooring dinghy halyard sheet
			cleat buoy harbour wave gust squall tide+table bow stern`,
		tools: `compass/compasses chart winch oar`,
		stuff: `rope spray canvas varnish salt+water weather`,
		adjs:  `seaworthy heeling becalmed leaky trim shipshape windward leeward salty storm+tossed`,
		verbs: `hoist/hoisted reef/reefed trim/trimmed/trimmed/trimming steer/steered coil/coiled moor/moored anchor tack/tacked haul/hauled caulk/caulked launch/launched`,
		places: `in the harbour; out beyond the breakwater; at the mooring; on the foredeck; in the cabin;
			along the quay; off the headland; in the lee of the island`,
	},
	{
		name:       "trains",
		activities: `travelling by train; watching steam engines; restoring an old railway; riding the night sleeper`,
		people:     `driver fireman/firemen guard signalman/signalmen porter stationmaster platelayer passenger`,
		things: `locomotive carriage platform signal+box timetable ticket whistle boiler firebox tender
			siding viaduct tunnel level+crossing buffer junction waiting+room sleeper+car luggage+rack`,
		stuff: `coal steam smoke soot luggage track`,
		adjs:  `punctual delayed crowded rattling sooty branch+line overnight empty draughty gleaming`,
		verbs: `drive/drove/driven stoke/stoked couple/coupled signal/signalled shunt/shunted board/boarded catch/caught miss/missed oil/oiled restore/restored check inspect`,
		places: `on the platform; in the signal box; at the junction; in the dining car; on the branch line;
			under the station clock; at the engine shed; across the viaduct`,
	},
	{
		name:       "lighthouses",
		activities: `keeping a lighthouse; tending the light; watching ships from a tower; living on a rock`,
		people:     `keeper assistant+keeper boatman/boatmen coastguard relief+keeper supply+skipper`,
		things: `lighthouse lamp lantern+room lens prism tower gallery foghorn reef rock beacon wick stair
			storeroom lighthouse+beam`,
		tools: `logbook oil+can supply+boat rowing+boat`,
		stuff: `paraffin oil fog spray brass+polish light`,
		adjs:  `lonely wave+lashed whitewashed foggy gleaming lofty storm+bound revolving weathered`,
		verbs: `light/lit trim/trimmed/trimmed/trimming polish/polished wind/wound/wound sound/sounded watch log/logged/logged/logging paint/painted climb/climbed signal/signalled`,
		places: `in the lantern room; at the top of the tower; on the gallery; at the landing stage; on the reef;
			in the keepers' cottage; at the foot of the stairs; out on the rock`,
	},
	{
		name:       "coast",
		activities: `walking the coast; beachcombing; watching the tides; exploring rock pools`,
		people:     `beachcomber fisherman/fishermen coastguard lifeboatman/lifeboatmen shell+collector naturalist`,
		things: `tide rock+pool limpet crab shell wave cove headland cliff dune pebble estuary breakwater
			groyne jetty harbour+wall seal starfish seaweed+strand sandbar`,
		stuff: `sand seaweed shingle foam salt driftwood`,
		adjs:  `tidal rocky sandy wave+worn salt+bleached windswept sheltered shelving briny`,
		verbs: `collect/collected explore/explored watch walk/walked search/searched gather find/found count sketch/sketched measure`,
		places: `on the beach; below the cliffs; at low tide; in the cove; along the shingle;
			beside the harbour wall; among the dunes; on the sandbar`,
	},
	{
		name:       "fishing",
		activities: `fishing; fly fishing on a quiet river; fishing from a small boat; tying flies`,
		people:     `angler fisherman/fishermen ghillie fly+tier bailiff trawlerman/trawlermen`,
		things:     `fly/flies trout/trout salmon/salmon pike perch pool riffle pier`,
		tools:      `rod reel line hook float net creel bait+tin landing+net wader boat`,
		stuff:      `bait tackle line groundbait catch`,
		adjs:       `wary hungry rising speckled silvery snagged patient rod+bent`,
		verbs:      `cast/cast/cast catch/caught land/landed tie/tied net/netted/netted/netting release/released bait/baited hook/hooked stalk/stalked`,
		places: `on the riverbank; at the end of the pier; in the fishing hut; in the shallows; by the weir pool;
			from the rowing boat; at the head of the loch; beneath the alders`,
	},
	{
		name:       "cycling",
		activities: `cycling; touring by bicycle; riding country lanes; mending punctures at the roadside`,
		people:     `cyclist rider mechanic tourer racer club+captain`,
		things: `bicycle saddle pedal chain gear wheel spoke tyre pannier handlebar brake hill lane cafe route
			lamp`,
		tools: `pump puncture+kit map`,
		stuff: `oil grease mud wind rain`,
		adjs:  `hilly flat windswept punctured lightweight rattling steady muddy`,
		verbs: `ride/rode/ridden pump/pumped mend/mended oil/oiled climb/climbed pedal/pedalled change/changed load/loaded pack/packed fix/fixed`,
		places: `on the country lanes; at the top of the pass; in the village cafe; at the roadside; in the bike shed;
			along the canal path; on the long descent; by the crossroads`,
	},
	{
		name:       "cartography",
		activities: `making maps; surveying the land; drawing charts of the coast; collecting old maps`,
		people:     `cartographer surveyor draughtsman/draughtsmen engraver map+collector explorer`,
		things:     `map chart atlas scale contour grid+line border legend sheet coastline boundary trig+point globe`,
		tools:      `compass/compasses theodolite plane+table inkwell`,
		stuff:      `ink vellum paper survey+data detail`,
		adjs:       `detailed outdated accurate hand+drawn engraved faded folded coloured`,
		verbs:      `survey draw/drew/drawn engrave/engraved measure chart/charted fold/folded colour/coloured correct/corrected copy/copied trace/traced`,
		places: `in the map room; at the drawing table; in the field; on the hilltop; at the archive;
			along the coast road; in the survey office; beside the trig point`,
	},
}
