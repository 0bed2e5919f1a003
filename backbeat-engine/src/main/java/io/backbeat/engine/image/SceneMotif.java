package io.backbeat.engine.image;

import java.util.List;

/**
 * Something a scene can show, with the words that ask for it: English words (matched as whole
 * words, plurals included) and Chinese words (matched as substrings, since Chinese is written
 * without spaces). Each motif sits on one depth {@link Layer}, so a video can move the layers apart.
 */
public enum SceneMotif {
  SUN(Layer.SKY, "sun sunshine sunlight sunbeam sunrise sunset sunny dawn", "太阳 阳光 日出 日落 夕阳 朝阳"),
  MOON(Layer.SKY, "moon moonlight moonlit crescent lunar", "月亮 月光 明月 新月 满月"),
  STARS(Layer.SKY, "star starlight starlit starry constellation", "星星 星空 繁星 星光"),
  CLOUDS(Layer.SKY, "cloud cloudy overcast", "云 白云 乌云 云朵"),
  RAINBOW(Layer.SKY, "rainbow", "彩虹"),
  AURORA(Layer.SKY, "aurora borealis", "极光"),
  PLANET(Layer.SKY, "planet saturn jupiter mars", "星球 行星 土星"),
  GALAXY(Layer.SKY, "galaxy nebula cosmos cosmic universe space milky", "银河 星系 宇宙 星云 太空"),
  MOUNTAINS(Layer.FAR, "mountain peak summit alps himalaya cliff ridge", "山 高山 雪山 山峰 群山"),
  VOLCANO(Layer.FAR, "volcano lava", "火山 岩浆"),
  CITY(Layer.FAR, "city skyline skyscraper downtown metropolis town building tokyo york london paris shanghai cyberpunk", "城市 都市 高楼 摩天 大楼 街道 上海 北京"),
  CASTLE(Layer.FAR, "castle palace fortress tower kingdom", "城堡 宫殿"),
  PAGODA(Layer.FAR, "pagoda temple shrine", "宝塔 寺 庙 塔 古建筑"),
  DESERT(Layer.MID, "desert dune sahara cactus", "沙漠 沙丘 仙人掌"),
  HILLS(Layer.MID, "hill hillside valley countryside meadow field prairie farmland grassland", "丘陵 山谷 田野 草原 草地 乡村 田园"),
  SEA(Layer.MID, "sea ocean wave tide surf seaside coast harbor harbour", "海 大海 海洋 海浪 海边 波浪"),
  LAKE(Layer.MID, "lake pond river creek stream reflection", "湖 池塘 河 江 溪"),
  BEACH(Layer.MID, "beach shore sand sandy island tropical", "海滩 沙滩 岛"),
  WATERFALL(Layer.MID, "waterfall cascade", "瀑布"),
  FOREST(Layer.MID, "forest wood woods woodland jungle grove rainforest", "森林 树林 丛林"),
  ROAD(Layer.MID, "road highway street path trail car drive", "路 公路 道路 小径 汽车"),
  BRIDGE(Layer.MID, "bridge", "桥"),
  HOUSE(Layer.MID, "house home cottage cabin village hut", "房子 小屋 村庄 家"),
  LIGHTHOUSE(Layer.MID, "lighthouse", "灯塔"),
  BOAT(Layer.MID, "boat ship sail sailboat yacht", "船 帆船 小船"),
  TREE(Layer.NEAR, "tree oak pine willow maple", "树 松树 大树 柳树"),
  PALM(Layer.NEAR, "palm coconut", "椰子树 棕榈 椰树"),
  FLOWERS(Layer.NEAR, "flower rose blossom bloom petal garden tulip daisy lily sunflower bouquet orchid", "花 玫瑰 花园 花朵 郁金香 向日葵 鲜花"),
  SAKURA(Layer.NEAR, "sakura cherry", "樱花"),
  GRASS(Layer.NEAR, "grass lawn reed wheat", "草 麦田 芦苇"),
  CAT(Layer.NEAR, "cat kitten kitty", "猫 小猫"),
  DOG(Layer.NEAR, "dog puppy", "狗 小狗"),
  BIRD(Layer.SKY, "bird seagull gull eagle crow swallow dove flock", "鸟 小鸟 海鸥 老鹰 燕子 鸽子"),
  FISH(Layer.NEAR, "fish koi goldfish underwater aquarium", "鱼 锦鲤 金鱼 水下"),
  BUTTERFLY(Layer.NEAR, "butterfly moth", "蝴蝶"),
  WHALE(Layer.MID, "whale dolphin", "鲸 鲸鱼 海豚"),
  DEER(Layer.NEAR, "deer stag fawn", "鹿"),
  HORSE(Layer.NEAR, "horse pony unicorn", "马 独角兽"),
  PORTRAIT(Layer.NEAR, "portrait face girl boy woman man person lady child silhouette people selfie", "人像 肖像 女孩 男孩 女人 男人 少女 人物 姑娘"),
  FIRE(Layer.NEAR, "fire campfire bonfire flame candle", "火 篝火 火焰 蜡烛"),
  LANTERN(Layer.NEAR, "lantern", "灯笼"),
  HEART(Layer.NEAR, "heart love valentine", "爱心 心形"),
  CIRCLES(Layer.MID, "abstract circle circles bubble bokeh dots", "抽象 圆 泡泡"),
  GEOMETRIC(Layer.MID, "geometric geometry triangle polygon cubism shapes pattern", "几何 三角 图案"),
  SWIRL(Layer.MID, "swirl spiral psychedelic vortex fractal kaleidoscope", "漩涡 螺旋"),
  STRIPES(Layer.MID, "stripe stripes lines minimal minimalist", "条纹 线条 极简");

  /** How far away a motif is: the sky behind everything, then far, middle and near ground. */
  public enum Layer { SKY, FAR, MID, NEAR }

  private final Layer layer;
  private final List<String> words;
  private final List<String> chinese;

  SceneMotif(Layer layer, String words, String chinese) {
    this.layer = layer;
    this.words = List.of(words.split(" "));
    this.chinese = List.of(chinese.split(" "));
  }

  public Layer layer() {
    return layer;
  }

  List<String> words() {
    return words;
  }

  List<String> chinese() {
    return chinese;
  }
}
