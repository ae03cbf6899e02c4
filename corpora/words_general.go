package corpora

// Words shared by every topic: the connective tissue of the prose.

const generalPeople = `friend neighbour teacher student traveller stranger visitor
beginner expert farmer writer grandmother grandfather uncle aunt cousin
child/children apprentice veteran historian engineer doctor sailor poet
painter shopkeeper pilgrim scholar widow philosopher mechanic carpenter
musician clerk tailor shepherd nurse soldier merchant innkeeper porter
volunteer enthusiast amateur critic collector novice elder craftsman/craftsmen
woman/women man/men villager townsman/townsmen customer reader`

// thingAdjs suit almost any object a topic names, from a loaf to a glacier.
const thingAdjs = `old new small large fine familiar ordinary remarkable plain simple
handsome peculiar rare common humble modest grand local famous
beautiful splendid lovely`

// toolAdjs suit the things people work with.
const toolAdjs = `old new worn polished battered trusty borrowed inherited favourite
handy homemade secondhand sturdy reliable spare heavy light cheap costly
precious practical sensible shabby dusty clean grubby tidy`

// moodAdjs describe a pastime or a moment rather than a thing.
const moodAdjs = `satisfying soothing restful absorbing peaceful pleasing comforting
rewarding humbling cheering calming delightful welcome wonderful lovely
honest quiet gentle beautiful strange`

// personAdjs describe people.
const personAdjs = `patient careful steady gentle stubborn honest humble quiet restless
curious lonely clever cheerful awkward graceful clumsy sensible foolish wise
brave timid proud shy lively sleepy eager weary thrifty generous sober
young elderly cautious talkative silent kindly grumpy cheerful nervous
tireless methodical absentminded observant devoted skilled experienced
seasoned retired local visiting travelling hardworking softspoken`

// kin are the people a speaker calls "my".
const kin = `grandmother grandfather uncle aunt cousin friend neighbour teacher
father mother brother sister husband wife son daughter godmother landlady`

// manners end a clause with why or how it was done.
const manners = `out of habit; as a favour to a friend; just as my teacher did;
without being asked; before anyone else was up; as carefully as ever;
for the first time in years; with a little help; without a word;
on a whim; for a neighbour; as the old books advise; the way it has always been done`

const generalAdverbs = `slowly carefully quietly patiently gently steadily firmly lightly
swiftly gradually cautiously eagerly reluctantly happily stubbornly
thoughtfully deliberately casually roughly neatly evenly loosely
tightly briskly calmly warmly softly boldly plainly wisely freely
honestly precisely openly privately faithfully
cheerfully grudgingly methodically absently lazily tenderly`

const frequencyAdverbs = `often rarely seldom usually sometimes always occasionally
generally frequently invariably hardly+ever almost+always nearly+always
now+and+then every+so+often`

// lookVerbs take any countable thing a topic names.
const lookVerbs = `notice admire remember study watch examine describe praise sketch
photograph compare see/saw/seen find/found point+out`

// toolVerbs take the tools of a topic.
const toolVerbs = `use clean mend repair check inspect keep/kept look+after share
choose/chose/chosen`

const abstractNouns = `patience attention habit rhythm memory craft judgement courage
care luck timing practice skill experience instinct balance discipline
curiosity humility persistence restraint modesty generosity foresight
habit pride tradition silence solitude company weather chance fortune
labour leisure effort comfort hardship wonder delight sorrow hope
doubt trust honesty order freedom precision intuition tact stamina
thrift ambition nostalgia routine repetition observation`

const timePhrases = `in early spring; at dawn; by late afternoon; after the first frost;
on winter evenings; during the long summer; before breakfast; at dusk;
in the depths of winter; on a grey morning; after heavy rain; in high summer;
late in the season; toward the end of autumn; on bright mornings;
when the days grow short; in the small hours; around midday; at first light;
on a still evening; in a dry year; during a wet spring; before the holidays;
at the turn of the year; on market days; in the slack weeks of midwinter;
on a Sunday afternoon; once the harvest is in; as the evenings lengthen;
in the cool of the morning; after a long week; under a low sky;
in the last warm days; on the first mild day of the year`

const connectives = `Still; Even so; Of course; In practice; For that reason;
At the same time; Oddly enough; In the end; By contrast; Admittedly;
Meanwhile; Sooner or later; On the other hand; As a rule; More often than not;
Curiously; Naturally; Happily; Sadly; In truth; Perhaps; Besides; After all;
Then again; All the same; For the most part; To be fair; Strangely;
In a sense; Above all; At times; Little by little; Even now; In the old days;
These days; Over the years; Without fail; Now and then`

const seasonsAndScenes = `the smell of rain; the first snow; the hum of insects; a kettle on the stove;
the sound of distant bells; the light on the water; an old photograph;
a letter from home; the ticking of a clock; a crackling fire; a long walk;
the last train home; a borrowed book; the noise of a busy street;
a half remembered song; a map of the county; the creak of floorboards;
the scent of cut grass; a shared meal; a walk along the harbour;
a cold cup of tea; a crowded market; a night without stars;
the steady drip of a tap; a quiet afternoon; the view from the hill`

const feelings = `grateful uneasy content restless hopeful wistful puzzled amused
relieved proud doubtful patient calm certain curious reluctant
satisfied humbled encouraged surprised delighted unsettled`
