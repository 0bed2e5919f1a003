package io.backbeat.server.dialect.dashscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversation;
import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversationParam;
import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversationResult;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesis;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisListResult;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisParam;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisResult;
import com.alibaba.dashscope.common.MultiModalMessage;
import com.alibaba.dashscope.common.Role;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.protocol.Protocol;
import com.alibaba.dashscope.task.AsyncTaskListParam;
import com.alibaba.dashscope.utils.Constants;
import io.backbeat.server.testing.TestServer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official DashScope Java SDK ({@code com.alibaba:dashscope-sdk-java}) as a real client, pointed
 * at our server's {@code /dashscope/v1} over loopback with a Backbeat key: it generates an image,
 * creates a video and reads the task with its own {@code fetch} and {@code wait}, lists and cancels,
 * and parses our errors as it parses upstream's.
 */
class DashScopeSdkTest {
  private static TestServer server;
  private static String baseUrl;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = DashScopeTesting.start(Map.of());
    baseUrl = server.url("/dashscope/v1/");
    // the SDK's task calls (fetch, wait, list, cancel) use the global base URL
    Constants.baseHttpApiUrl = baseUrl;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_sdk_generates_an_image() throws Exception {
    MultiModalMessage message =
        MultiModalMessage.builder().role(Role.USER.getValue()).content(List.of(Map.of("text", "an orange cat on a windowsill"))).build();
    MultiModalConversationParam param =
        MultiModalConversationParam.builder()
            .apiKey(server.apiKey)
            .model("qwen-image-plus")
            .messages(List.of(message))
            .size("1140*1472")
            .negativePrompt("dogs")
            .seed(1234)
            .parameter("prompt_extend", true)
            .parameter("watermark", false)
            .build();

    MultiModalConversationResult result = new MultiModalConversation(Protocol.HTTP.getValue(), baseUrl).call(param);

    assertThat(result.getRequestId()).isNotBlank();
    assertThat(result.getOutput().getChoices()).hasSize(1);
    assertThat(result.getOutput().getChoices().get(0).getFinishReason()).isEqualTo("stop");
    Map<String, Object> content = result.getOutput().getChoices().get(0).getMessage().getContent().get(0);
    String url = (String) content.get("image");
    assertThat(result.getUsage().getWidth()).isEqualTo(1140);
    assertThat(result.getUsage().getHeight()).isEqualTo(1472);
    assertThat(result.getUsage().getImageCount()).isEqualTo(1);
    BufferedImage png = ImageIO.read(DashScopeTesting.download(server, url, dir, "sdk.png").toFile());
    assertThat(png.getWidth()).isEqualTo(1140);
    assertThat(png.getHeight()).isEqualTo(1472);
  }

  @Test
  void the_sdk_creates_a_video_and_reads_it_with_fetch_and_wait() throws Exception {
    VideoSynthesis videos = new VideoSynthesis();
    VideoSynthesisParam param =
        VideoSynthesisParam.builder()
            .apiKey(server.apiKey)
            .model("wan2.5-t2v-preview")
            .prompt("a red balloon rising over rooftops")
            .size("832*480")
            .duration(5)
            .seed(99)
            .promptExtend(false)
            .build();

    VideoSynthesisResult created = videos.asyncCall(param);
    String taskId = created.getOutput().getTaskId();
    assertThat(taskId).isNotBlank();
    assertThat(created.getOutput().getTaskStatus()).isEqualTo("PENDING");

    VideoSynthesisResult fetched = videos.fetch(taskId, server.apiKey);
    assertThat(fetched.getOutput().getTaskId()).isEqualTo(taskId);
    assertThat(fetched.getOutput().getTaskStatus()).isIn("PENDING", "RUNNING", "SUCCEEDED");
    assertThat(fetched.getOutput().getSubmitTime()).matches(DashScopeTesting.TIME);

    VideoSynthesisResult done = videos.wait(taskId, server.apiKey);
    assertThat(done.getOutput().getTaskStatus()).isEqualTo("SUCCEEDED");
    assertThat(done.getOutput().getEndTime()).matches(DashScopeTesting.TIME);
    assertThat(done.getUsage().getVideoCount()).isEqualTo(1);
    assertThat(done.getUsage().getVideoDuration()).isEqualTo(5);
    assertThat(done.getUsage().getVideoRatio()).isEqualTo("832*480");
    String probe = DashScopeTesting.probe(DashScopeTesting.download(server, done.getOutput().getVideoUrl(), dir, "sdk.mp4"));
    assertThat(probe).contains("codec_name=h264", "width=832", "height=480");
    assertThat(DashScopeContractTest.duration(probe)).isBetween(4.8, 5.2);

    VideoSynthesisListResult listed =
        videos.list(AsyncTaskListParam.builder().apiKey(server.apiKey).modelName("wan2.5-t2v-preview").pageNo(1).pageSize(10).build());
    assertThat(listed.getData()).extracting(info -> info.getTaskId()).contains(taskId);
    assertThat(listed.getData()).filteredOn(info -> info.getTaskId().equals(taskId)).extracting(info -> info.getStatus()).containsExactly("SUCCEEDED");
    assertThat(listed.getTotal()).isGreaterThanOrEqualTo(1);

    // only PENDING tasks can be canceled; the SDK surfaces the refusal with upstream's code
    assertThatThrownBy(() -> videos.cancel(taskId, server.apiKey))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("UnsupportedOperation");
  }

  @Test
  void the_sdk_reads_an_unknown_id_as_unknown() throws Exception {
    VideoSynthesis videos = new VideoSynthesis();
    VideoSynthesisResult unknown = videos.fetch("0385dc79-5ff8-4d82-bcb6-000000000000", server.apiKey);
    assertThat(unknown.getOutput().getTaskStatus()).isEqualTo("UNKNOWN");
    VideoSynthesisResult waited = videos.wait("0385dc79-5ff8-4d82-bcb6-000000000000", server.apiKey);
    assertThat(waited.getOutput().getTaskStatus()).as("wait stops on UNKNOWN").isEqualTo("UNKNOWN");
  }

  @Test
  void the_sdk_surfaces_our_errors_with_their_codes() {
    VideoSynthesis videos = new VideoSynthesis();
    VideoSynthesisParam badSize =
        VideoSynthesisParam.builder().apiKey(server.apiKey).model("wan2.5-t2v-preview").prompt("x").size("720P").build();
    assertThatThrownBy(() -> videos.asyncCall(badSize))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("InvalidParameter")
        .hasMessageContaining("concrete width*height");

    MultiModalConversationParam refused =
        MultiModalConversationParam.builder()
            .apiKey(server.apiKey)
            .model("qwen-image-plus")
            .messages(List.of(MultiModalMessage.builder().role(Role.USER.getValue()).content(List.of(Map.of("text", "please refuse"))).build()))
            .build();
    assertThatThrownBy(() -> new MultiModalConversation(Protocol.HTTP.getValue(), baseUrl).call(refused))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("InvalidParameter")
        .hasMessageContaining("refuses this prompt");

    VideoSynthesisParam wrongKey =
        VideoSynthesisParam.builder().apiKey("sk-wrong").model("wan2.5-t2v-preview").prompt("x").size("832*480").build();
    assertThatThrownBy(() -> videos.asyncCall(wrongKey)).isInstanceOf(ApiException.class).hasMessageContaining("InvalidApiKey");
  }
}
