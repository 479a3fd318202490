/** electron-vite's `?modulePath` imports: the run-time path of a separately built entry. */
declare module '*?modulePath' {
  const path: string;
  export default path;
}
