import { readConfig } from "../config";
import type { Db } from "../db/client";
import { getSecretKey } from "../secrets/keyring";
import { connectionTypes } from "../../modules/connection-types";
import { ConnectionService } from "./service";

export async function connectionService(db: Db): Promise<ConnectionService> {
  return new ConnectionService(db, connectionTypes, await getSecretKey(db, readConfig()));
}
