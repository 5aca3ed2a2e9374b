package dev.labkit.labs.dockerbasics;

import java.util.ArrayList;
import java.util.List;

/** One process in a container as {@code docker top -o pid,uid,args} lists it; PID 1 comes first. */
record ContainerProcess(String uid, String command) {

  /** The rows of {@code docker top}, read by their column titles (UID, COMMAND). */
  static List<ContainerProcess> of(List<String> titles, List<String[]> rows) {
    int uid = titles.indexOf("UID");
    int command = titles.indexOf("COMMAND");
    var processes = new ArrayList<ContainerProcess>();
    for (var row : rows) {
      processes.add(new ContainerProcess(row[uid], row[command]));
    }
    return processes;
  }

  boolean isRoot() {
    return uid.equals("0");
  }
}
