package needle

import "strings"

// Word lists for adjective-noun keys and word values. Lower-case letters
// only (the hyphen between the two words is what keeps a key out of the
// built-in prose), no negations or absence words such as "none" or
// "missing" that the grader reads as "not found".
var adjectives = strings.Fields(`
agile airy amber ancient arctic ashen autumn azure balmy beige blazing
blissful blushing bold bouncy brassy brave breezy bright brisk bronze bubbly
burly busy calm candid careful carmine charming cheerful chilly chipper civic
classic clear clever cloudy coastal cobalt coppery cordial cosmic cotton cozy
creamy crimson crisp crystal curious dainty dapper dappled daring dawning
dear deft dewy dim distant dreamy drowsy dry dusky dusty dutiful eager early
earnest eastern elder electric elegant emerald fabled faded faint fair famous
fancy fearless feathered festive fierce fiery fine firm flat fleet floral
fluffy foggy fond fragrant frank free fresh friendly frosty frozen fuzzy
gallant gentle giant gilded glad glassy gleaming gleeful glossy glowing
golden good graceful grand granite grassy gray great green hardy hasty hazel
hearty heavy helpful hilly homely honest hopeful huge humble icy idle indigo
ivory jade jagged jaunty jolly jovial joyful juicy keen kind kindly lanky
large late lavish leafy lemon level light lilac limber limpid little lively
lofty lonely loud loyal lucky lunar lush magenta marble mature meek mellow
merry mighty mild minty mirthful misty modest moist mossy muddy murky narrow
nautical neat nifty nimble noble northern novel oaken oblique odd olive opal
open orange ornate pale pastel patient peaceful pearly pensive perky pink
placid plain plucky plush polished polite prime prompt proud pure purple
quaint quick quiet quirky radiant rainy rapid rare regal restful rich ripe
robust rocky rolling rosy rough round royal ruby rugged rural russet rustic
rusty sage salty sandy satin scarlet scenic secret serene shady shaggy sharp
shiny shy silent silken silver simple sincere sleek sleepy slender slow smart
smoky smooth snowy snug sober soft solar solid sonic sour southern spare
sparkling speedy spicy spotted spry stark steady steep stellar still stormy
stout striped sturdy subtle sugary sunny supple sweet swift tall tame
tangerine tangy tart tawny teal tender thorny thrifty tidal tidy timid tiny
topaz tough tranquil tropical true trusty twilight twinkling umber upbeat
urban vast velvet verdant violet vital vivid vocal wakeful wandering warm wary
watery wavy wealthy weary western whimsical whole wild windy wintry wiry wise
witty wooden woolly yellow young zany zealous zesty
`)

var nouns = strings.Fields(`
anchor antler apple apron arch arrow atlas badge bagel balloon banjo banner
barn barrel basket beacon beetle bell bench berry birch biscuit blanket
blossom boat bonnet boot bottle boulder bowl bramble branch brick bridge
brook broom bucket buckle bugle bundle button cabin cable cactus camel camera
canal candle canoe canyon carpet carrot castle cellar chain chair chalk chapel
cherry chimney cider citadel clock clover coat comet compass cone cookie
cottage cradle crane crater crown cupboard curtain cushion daisy desk dial
diamond dolphin donkey doorway dove dragon drum eagle easel engine falcon
feather fence fern ferry fiddle finch flagpole flute forest fountain fox
garden garnet gate gazelle glacier globe glove goblet goose grape gravel
guitar hammer harbor harp hawk hedge helmet heron hillside hive honey horizon
horse island jacket jar jewel kettle kite kitten ladder lagoon lamp lantern
larch ledge lever lily lion locket loom lotus magnet mango maple marsh meadow
melon mill mirror mitten monkey mortar mountain mug nest nutmeg oak oar ocean
orchard otter owl paddle pail palace panda parrot pebble pencil pepper piano
pillow pine pipe planet plum pocket pond pony poplar puddle pumpkin quill
quilt rabbit raft raven reed ribbon ridge river robin rocket rope saddle sail
salmon satchel scarf seashell shield ship shovel sled slipper sparrow spoon
spruce squirrel statue stool stove stream summit swan sword table teapot
temple thistle thimble thread throne tiger torch tower trail tram trellis
trumpet tulip tunnel turtle umbrella valley vase violin wagon walnut wand
whale wheel whistle willow window wolf wreath yacht zebra acorn almond
apricot badger beaver bison bobcat bracelet bramblebush buffalo butterfly
cabbage canary candlestick carousel cathedral chestnut cinnamon cobbler
cocoa coyote cricket cucumber dandelion dewdrop dinghy ember emblem fabric
fjord flamingo gondola gopher gourd granary hamlet harvest hazelnut hearth
hedgehog hickory iceberg igloo jasmine juniper kayak kestrel lighthouse
lobster mackerel mandolin marigold meteor minnow moose mosaic mulberry
mushroom necklace nectar oasis orchid osprey oyster pagoda parcel peacock
pelican penguin periwinkle pheasant pinecone porcupine pretzel prism quarry
radish raspberry reindeer rhubarb saffron sapphire scroll sequoia sextant
skylark snowflake spindle starling sundial sunflower tambourine tangle
terrace thunderbolt toadstool toucan trombone truffle turnip vineyard walrus
waterfall weasel wigwam windmill woodpecker
`)
