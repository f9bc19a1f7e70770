fn main() {
    leptos::mount::mount_to_body(spoc_field::app::App);
}
