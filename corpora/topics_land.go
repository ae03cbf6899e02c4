package corpora

// Topics of the garden, the field and the wild.

var landTopics = []topicSpec{
	{
		name:       "gardening",
		activities: `gardening; working the soil; tending a vegetable patch; growing beans and onions; keeping an allotment`,
		people:     `gardener grower nurseryman/nurserymen botanist smallholder allotment+holder plantsman/plantsmen head+gardener`,
		things: `seedling border bed hedge bulb tuber cutting shoot root leaf/leaves bud blossom marrow onion
			potato/potatoes cabbage lettuce weed raspberry+cane runner+bean dahlia sunflower gooseberry+bush`,
		tools: `trowel spade rake hoe wheelbarrow cold+frame greenhouse cloche watering+can seed+tray
			flowerpot trellis`,
		stuff: `compost soil mulch manure loam leaf+mould bonemeal straw rainwater seed`,
		acts: `
			plant transplant water harden thin/thinned/thinned/thinning | seedling cutting | leggy sturdy tender young
			plant lift divide store | bulb tuber dahlia | dormant firm
			prune trim/trimmed/trimmed/trimming lay/laid/laid | hedge gooseberry+bush raspberry+cane | overgrown thorny neat
			dig/dug/dug/digging weed mulch | border bed | sheltered weedy sunny shady raised
			pull hoe | weed | stubborn
			harvest lift pick grow/grew/grown | marrow onion potato cabbage lettuce runner+bean | fat firm early tender
			stake tie/tied | sunflower dahlia runner+bean | tall
			turn spread/spread/spread | compost manure mulch leaf+mould | rich crumbly rotted dark
			sow/sowed/sown save | seed | fresh
			clean oil | spade hoe trowel rake | rusty sharp
			fill | watering+can seed+tray flowerpot wheelbarrow | full
			| shoot root leaf bud blossom | tender green
			| soil loam | fertile waterlogged heavy`,
		places: `in the vegetable patch; along the garden wall; under the apple tree; behind the potting shed; in the greenhouse;
			on the allotment; beside the compost heap; in the raised beds; by the kitchen door; at the bottom of the garden`,
	},
	{
		name:       "beekeeping",
		activities: `beekeeping; keeping bees; looking after a hive; tending an apiary; harvesting honey`,
		people:     `beekeeper apiarist honey+farmer bee+inspector swarm+collector`,
		things: `hive frame queen drone worker+bee comb brood+box honey+super swarm colony cell larva/larvae
			flower forager`,
		tools: `smoker veil glove hive+tool entrance+block feeder jar extractor`,
		stuff: `honey wax pollen nectar propolis royal+jelly sugar+syrup smoke`,
		acts: `
			inspect open check move feed/fed/fed | hive colony | strong weak docile defensive crowded queenless
			lift inspect uncap/uncapped/uncapped/uncapping | frame comb | heavy capped waxen
			find/found/found mark spot/spotted/spotted/spotting | queen | young laying
			collect catch/caught/caught | swarm | buzzing
			add remove | honey+super brood+box | full heavy
			extract jar/jarred/jarred/jarring taste | honey | golden runny heather clear
			melt render | wax | yellow
			light/lit | smoker | smoky
			mix | sugar+syrup | thick
			| drone worker+bee forager larva cell | drowsy industrious
			scrape | propolis pollen | sticky
			| flower | clover`,
		places: `in the apiary; beside the hives; at the edge of the orchard; on the heather moor; in the honey house;
			under the lime trees; at the hive entrance; behind the hedge where the bees fly`,
	},
	{
		name:       "glaciers",
		activities: `studying glaciers; walking on the ice; mapping a glacier; measuring how fast the ice retreats`,
		people:     `glaciologist guide surveyor climber geologist field+assistant hut+warden`,
		things: `glacier crevasse moraine serac icefall snout cirque meltwater+stream boulder erratic icefield
			ridge col valley tongue tarn`,
		tools: `sled stake ice+axe rope crampon`,
		stuff: `ice meltwater firn snow silt`,
		acts: `
			measure map/mapped/mapped/mapping survey photograph | glacier icefield snout tongue | retreating blue vast frozen
			cross probe avoid jump | crevasse | deep hidden
			climb | serac icefall ridge | towering creaking groaning
			map/mapped/mapped/mapping study | moraine cirque valley erratic boulder | grey stony
			sample drill measure | ice firn snow | compacted
			ford follow gauge | meltwater+stream | milky roaring
			plant drive/drove/driven | stake | tall
			pull load | sled | laden
			| col tarn | windswept`,
		places: `at the glacier snout; on the upper icefield; beside the moraine; in the ice cave; across the crevasse field;
			below the icefall; at the research hut; high on the col`,
	},
	{
		name:       "rivers",
		activities: `following a river; walking the towpath; paddling a canoe; watching a river through the seasons`,
		people:     `boatman/boatmen ferryman/ferrymen lock+keeper angler canoeist bargeman/bargemen river+warden miller`,
		things: `river bank weir lock meander ford bridge eddy current pool rapid towpath reed+bed kingfisher
			otter heron mill+race tributary willow alder`,
		tools: `canoe paddle barge ferry`,
		stuff: `water silt mud driftwood gravel`,
		acts: `
			follow cross ford navigate | river tributary current | swollen sluggish clear winding tidal shallow
			paddle launch | canoe | light
			work open | lock | old
			cross walk | bridge towpath ford | narrow
			watch spot/spotted/spotted/spotting | kingfisher otter heron | elusive shy grey
			fish | pool eddy | deep still
			shoot/shot/shot run/ran/run/running | rapid | white
			dredge clear | mill+race reed+bed | choked
			pollard | willow alder | leaning
			steer moor | barge ferry | painted
			| bank meander weir | muddy reedy brimming
			| water silt mud | brackish`,
		places: `on the river bank; below the weir; at the old lock; by the mill race; along the towpath; under the stone bridge;
			where the river bends; among the reeds`,
	},
	{
		name:       "forests",
		activities: `walking in old woods; coppicing hazel; managing a woodland; reading the trees; planting a copse`,
		people:     `forester woodsman/woodsmen ranger charcoal+burner tree+surgeon woodland+manager naturalist`,
		things: `oak beech ash+tree birch hazel+stool holly yew pine+cone acorn branch trunk canopy clearing
			glade thicket bramble fern toadstool log stump ride deer/deer fox badger woodpecker`,
		tools: `axe billhook saw`,
		stuff: `timber bark moss leaf+litter sap resin bracken firewood`,
		acts: `
			fell/felled plant measure climb | oak beech ash+tree birch holly yew | ancient gnarled towering young
			coppice cut/cut/cut/cutting | hazel+stool | coppiced old
			gather collect | pine+cone acorn toadstool | fallen
			saw/sawed/sawn split/split/split/splitting stack | log branch trunk stump | seasoned heavy
			clear | ride clearing glade thicket bramble fern | tangled sunny dappled
			watch track | deer fox badger woodpecker | shy
			strip/stripped/stripped/stripping | bark | rough
			tap/tapped/tapped/tapping | sap resin | sticky
			sharpen hone | axe billhook saw | sharp
			stack split/split/split/splitting | firewood timber | dry
			| canopy moss | evergreen deciduous mossy`,
		places: `in the old wood; along the ride; at the edge of the clearing; under the beeches; in the hazel coppice;
			beside the charcoal hearth; deep in the pines; by the woodland pond`,
	},
	{
		name:       "birdwatching",
		activities: `birdwatching; watching birds; keeping a bird list; counting waders on the estuary; listening for the dawn chorus`,
		people:     `birdwatcher ornithologist birder warden ringer twitcher recorder`,
		things: `nest egg wren robin blackbird thrush curlew lapwing swallow swift owl hawk buzzard kestrel gull
			wader feather flock call`,
		tools: `telescope notebook hide feeder field+guide spotting+scope`,
		stuff: `birdsong plumage seed suet`,
		acts: `
			spot/spotted/spotted/spotting identify count ring photograph | wren robin blackbird thrush curlew lapwing swallow swift owl hawk buzzard kestrel gull wader | elusive migrant resident skittish fledgling nocturnal
			count follow | flock | large wheeling chattering
			find/found/found watch | nest egg | hidden speckled
			hear/heard/heard record | call birdsong | clear
			fill hang/hung | feeder | empty
			scatter put/put/put/putting | seed suet | fresh
			| feather plumage | speckled drab glossy dowdy`,
		places: `in the hide; on the estuary; at the edge of the marsh; along the hedgerow; on the sea wall;
			by the reservoir; in the churchyard yews; on the cliff path`,
	},
	{
		name:       "orchards",
		activities: `keeping an orchard; grafting fruit trees; picking apples; pressing cider; tending old pear trees`,
		people:     `orchardist grafter picker cider+maker fruit+grower pomologist`,
		things: `apple pear plum damson quince apple+tree pear+tree cherry+tree rootstock graft scion blossom
			windfall sapling bough`,
		tools: `ladder basket crate press pruning+saw`,
		stuff: `cider juice fruit grass mistletoe`,
		acts: `
			pick store wrap/wrapped/wrapped/wrapping sort | apple pear plum damson quince | russet crisp tart mellow ripe
			prune plant stake graft | apple+tree pear+tree cherry+tree sapling | gnarled laden unpruned young
			gather | windfall | bruised
			cut/cut/cut/cutting bind/bound/bound | scion graft rootstock | clean
			press brew bottle taste | cider juice | sweet dry cloudy
			prop/propped/propped/propping | bough | heavy
			mow | grass | long
			carry/carried fill | basket crate | full
			| blossom | white pink`,
		places: `in the orchard; under the old pear; by the cider barn; along the orchard wall; on the south slope;
			among the windfalls; in the fruit store; at the top of the ladder`,
	},
	{
		name:       "deserts",
		activities: `crossing a desert; travelling by mule; camping among the dunes; studying desert plants`,
		people:     `nomad mule+driver guide traveller geologist botanist herdsman/herdsmen`,
		things: `dune oasis/oases mule well gully caravan mirage cactus/cacti scorpion lizard palm sandstorm plateau
			canyon salt+flat`,
		tools: `tent saddle waterskin star+chart lantern`,
		stuff: `sand dust salt water figs tea`,
		acts: `
			cross climb | dune plateau salt+flat gully canyon | shifting endless sunbaked barren
			load/loaded water lead/led/led saddle | mule | patient stubborn
			find/found/found reach | oasis well | green deep
			follow join | caravan | long slow
			pitch strike/struck/struck | tent | low
			fill | waterskin lantern | leaking
			ration carry/carried share | water figs tea | sweet precious
			watch | mirage sandstorm | shimmering
			avoid | scorpion | black
			| cactus palm lizard | spiny wind+carved
			| sand dust | bleached scorching`,
		places: `at the oasis; among the dunes; in the dry riverbed; under the palms; at the edge of the salt flat;
			in the shade of the rocks; by the old well; on the stony plateau`,
	},
	{
		name:       "mountaineering",
		activities: `mountaineering; climbing in the hills; walking the high ridges; scrambling on rock; planning an ascent`,
		people:     `mountaineer climber guide porter hut+keeper rope+leader hillwalker`,
		things:     `summit ridge cairn col gully scree+slope buttress ledge chimney bivouac ascent descent route`,
		tools:      `rope ice+axe crampon harness piton tent rucksack map compass/compasses boot`,
		stuff:      `rock snow scree mist oatmeal`,
		acts: `
			climb reach traverse | summit ridge buttress gully chimney ledge scree+slope | exposed steep craggy windswept rocky lofty
			build/built pass | cairn | lonely
			plan/planned/planned/planning attempt | ascent descent route bivouac | long
			coil belay | rope | wet
			pack shoulder | rucksack tent | heavy
			check read/read/read | map compass | soggy
			strap/strapped/strapped/strapping | crampon | sharp
			cook stir/stirred/stirred/stirring | oatmeal | hot
			| rock snow mist | loose treacherous`,
		places: `on the north face; below the summit; at the mountain hut; in the gully; along the ridge;
			at the foot of the crag; above the snowline; by the last cairn`,
	},
	{
		name:       "volcanoes",
		activities: `studying volcanoes; watching an eruption; walking across old lava; reading the rocks of a crater`,
		people:     `volcanologist geologist seismologist guide islander observer`,
		things: `volcano/volcanoes crater vent cone lava+flow caldera fissure fumarole plume dome hot+spring
			geyser slope island`,
		tools: `seismograph gas+mask`,
		stuff: `lava ash pumice basalt sulphur steam magma`,
		acts: `
			monitor watch climb | volcano cone dome island | smouldering dormant active restless
			map/mapped/mapped/mapping photograph | crater caldera fissure lava+flow slope | jagged scorched
			sample measure | fumarole vent plume hot+spring geyser | steaming sulphurous fuming
			collect sample | ash pumice basalt lava sulphur | cooled molten grey
			read/read/read calibrate | seismograph | sensitive`,
		places: `on the crater rim; beside the vent; across the lava field; at the observatory; on the ash slope;
			near the fumaroles; in the old caldera; along the fissure`,
	},
}
