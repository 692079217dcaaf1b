package io.tributary.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnsembleMemberTest {
  @Test
  void parsesMembersInOrder() {
    assertThat(EnsembleMember.parseList("zk1:2888:3888, zk2:2889:3889"))
        .containsExactly(new EnsembleMember("zk1", 2888, 3888), new EnsembleMember("zk2", 2889, 3889));
  }

  @Test
  void namesTheBadEntry() {
    assertThatThrownBy(() -> EnsembleMember.parseList("zk1:2888:3888,zk2:2889"))
        .hasMessageContaining("'zk2:2889' is not HOST:PEER_PORT:ELECTION_PORT");
    assertThatThrownBy(() -> EnsembleMember.parseList("zk1:2888:x"))
        .hasMessageContaining("has port 'x'");
  }
}
