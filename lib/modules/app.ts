/** One per app folder (modules/<app>/app.ts): what the module picker and canvas show for the app. */
export interface AppDescriptor {
  /** The part of module keys before the colon. */
  name: string;
  title: string;
  /** CSS colour of the app's node on the canvas. */
  colour: string;
  /** Path under /public. */
  icon: string;
}

export function defineApp(app: AppDescriptor): AppDescriptor {
  if (!/^[a-z][a-z0-9-]*$/.test(app.name)) throw new Error(`App name "${app.name}" must be lower-case letters, digits and dashes.`);
  return Object.freeze({ ...app });
}
